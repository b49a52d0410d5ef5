namespace Workiom.Client.Tests.Fakes;

public static class Guard
{
    /// <summary>A token that ends a hung test instead of letting it block the run; never asserted on.</summary>
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
}
