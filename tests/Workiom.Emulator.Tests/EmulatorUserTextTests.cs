namespace Workiom.Emulator.Tests;

/// <summary>A user's password is a credential: it goes only to TokenAuth/Authenticate, never into text a test prints.</summary>
public sealed class EmulatorUserTextTests
{
    [Fact]
    public void ToString_does_not_show_the_password()
    {
        var user = new EmulatorUser(7, "tenant", "ops", "pa55-word-in-a-theory", "Ops", "ops@example.com");

        // xunit prints theory data and assertion values with ToString.
        Assert.DoesNotContain("pa55-word-in-a-theory", user.ToString(), StringComparison.Ordinal);
        Assert.Contains("ops", user.ToString(), StringComparison.Ordinal);
    }
}
