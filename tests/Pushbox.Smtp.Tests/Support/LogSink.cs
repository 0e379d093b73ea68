using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pushbox.Smtp.Tests.Support;

/// <summary>Collects every log entry of a test server.</summary>
internal sealed class LogSink
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();
}

internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

internal sealed class SinkLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        sink.Entries.Enqueue(new LogEntry(typeof(T).FullName ?? typeof(T).Name, logLevel, eventId, formatter(state, exception), exception));
}
