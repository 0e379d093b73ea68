using Microsoft.Extensions.Logging;

namespace Pushbox.Http.Tests.Support;

/// <summary>Routes every category of a host's logging into one <see cref="ListLogger"/>.</summary>
public sealed class ListLoggerProvider(ListLogger logger) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
