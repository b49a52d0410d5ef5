using System.Collections;
using System.Reflection;

namespace Workiom.Client.Tests.Fakes;

/// <summary>Looks for a secret everywhere an exception can show text: ToString and every public property, nested.</summary>
public static class SecretAssert
{
    public static void NowhereIn(Exception exception, params string[] secrets)
    {
        var texts = new List<string> { exception.ToString() };
        Collect(exception, texts, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
        foreach (var secret in secrets)
        {
            foreach (var text in texts)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Every text an exception shows, its ToString and public properties included.</summary>
    public static string AllTextOf(Exception exception)
    {
        var texts = new List<string> { exception.ToString() };
        Collect(exception, texts, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
        return string.Join("\n", texts);
    }

    private static void Collect(object? value, List<string> texts, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 8)
        {
            return;
        }

        if (value is string text)
        {
            texts.Add(text);
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal or TimeSpan or DateTime or DateTimeOffset or Uri)
        {
            texts.Add(value.ToString() ?? string.Empty);
            return;
        }

        if (value is MemberInfo || !seen.Add(value))
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Collect(entry.Key, texts, seen, depth + 1);
                Collect(entry.Value, texts, seen, depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Collect(item, texts, seen, depth + 1);
            }

            return;
        }

        texts.Add(value.ToString() ?? string.Empty);

        // Exceptions and this library's own values are walked; anything else (a cancellation token,
        // a wait handle) shows only its ToString.
        if (value is not Exception && type.Namespace?.StartsWith("Workiom", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsAssignableTo(typeof(MemberInfo)))
            {
                continue;
            }

            Collect(property.GetValue(value), texts, seen, depth + 1);
        }
    }
}
