using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workiom.ReliabilityTests.Support;

/// <summary>
/// A logger factory that keeps everything the client logs: the formatted message, every structured
/// value, every scope and any exception, so a test can search all of it for a secret.
/// </summary>
public sealed class CapturedLogs : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Everything captured, as one text to search.</summary>
    public string AllText => string.Join("\n", _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The captured logs take no providers; they are the only sink.");

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            owner._entries.Enqueue($"[scope {category}] {Describe(state)}");
            return NoScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._entries.Enqueue($"[{logLevel} {category}] {formatter(state, exception)} | {Describe(state)} | {exception}");
        }

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join("; ", values.Select(v => v.Key + "=" + v.Value))
            : state?.ToString() ?? "";
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
