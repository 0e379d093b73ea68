using Microsoft.Extensions.Logging;

namespace Pushbox.Http.Tests.Support;

/// <summary>One captured log line.</summary>
public sealed record LogLine(LogLevel Level, int EventId, string Message, Exception? Exception);

/// <summary>A logger that keeps every line, for assertions on event ids and on what is never logged.</summary>
public class ListLogger : ILogger
{
    private readonly Lock gate = new();
    private readonly List<LogLine> lines = [];

    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    public string AllText => string.Join("\n", Lines.Select(l => l.Message + " " + l.Exception));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (gate)
        {
            lines.Add(new LogLine(logLevel, eventId.Id, formatter(state, exception), exception));
        }
    }

    public bool Has(int eventId) => Lines.Any(l => l.EventId == eventId);
}

/// <summary>The typed form some constructors ask for.</summary>
public sealed class ListLogger<T> : ListLogger, ILogger<T>;
