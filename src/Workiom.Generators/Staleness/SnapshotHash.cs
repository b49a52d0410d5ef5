using System.Text;

namespace Workiom.Staleness;

/// <summary>
/// The content hash in a snapshot's <c>$snapshot</c> header. It covers the list (the <c>result</c>
/// value) with the whitespace between JSON tokens removed, so re-indenting or a change of line endings
/// does not count as an edit, while any change to a key or value does. The <c>$csharp</c> block is not
/// covered: choosing C# names by hand is expected. Shared by the generator and the workiom tool.
/// </summary>
internal static class SnapshotHash
{
    public const string Prefix = "sha256:";

    public static string Compute(string listJson)
    {
        var compact = new StringBuilder(listJson.Length);
        bool inString = false;
        bool escaped = false;
        foreach (char c in listJson)
        {
            if (inString)
            {
                compact.Append(c);
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
                compact.Append(c);
            }
            else if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                compact.Append(c);
            }
        }

        using var sha = System.Security.Cryptography.SHA256.Create();
        byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(compact.ToString()));
        var hex = new StringBuilder(Prefix, Prefix.Length + digest.Length * 2);
        foreach (byte b in digest)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
