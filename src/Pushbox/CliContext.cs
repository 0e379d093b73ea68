using System.CommandLine;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Import;
using Pushbox.Mailbox.Quotas;
using Pushbox.Storage;

namespace Pushbox;

/// <summary>
/// What every verb shares: the data folder (<c>--data</c>, else <c>PUSHBOX_DATA</c>, else <c>./data</c>),
/// the configuration read from it (<c>pushbox.json</c>, then <c>PUSHBOX__…</c> environment variables,
/// then command-line overrides), and the services over the store, migrated before use.
/// </summary>
internal static class CliContext
{
    /// <summary>The exit status for a refused request (bad input, unknown user, …).</summary>
    public const int ExitFailure = 1;

    /// <summary>The global <c>--data DIR</c> option.</summary>
    public static Option<string?> DataOption { get; } = new("--data")
    {
        Description = "The data folder: database, message store, certificate and pushbox.json (default: $PUSHBOX_DATA, else ./data).",
        Recursive = true,
    };

    /// <summary>The data folder a verb works on, as a full path.</summary>
    public static string DataDirectory(ParseResult parse) =>
        Path.GetFullPath(parse.GetValue(DataOption) ?? Environment.GetEnvironmentVariable("PUSHBOX_DATA") ?? "data");

    /// <summary>The layered configuration for <paramref name="dataDirectory"/>.</summary>
    public static IConfigurationRoot LoadConfiguration(string dataDirectory, IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dataDirectory, "pushbox.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("PUSHBOX__")
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    /// <summary>The storage options from the "Storage" section, with the data folder.</summary>
    public static StorageOptions StorageOptions(IConfiguration configuration, string dataDirectory)
    {
        var options = new StorageOptions { DataDirectory = dataDirectory };
        configuration.GetSection("Storage").Bind(options);
        options.DataDirectory = dataDirectory;
        return options;
    }

    /// <summary>The default mailbox limits (section <c>Quota</c>), validated.</summary>
    /// <exception cref="ArgumentException">A limit is not a size.</exception>
    public static QuotaOptions QuotaOptions(IConfiguration configuration)
    {
        var options = new QuotaOptions();
        configuration.GetSection("Quota").Bind(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("Invalid quota settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        return options;
    }

    /// <summary>Opens the store for an administrative verb: services, migrated, logging warnings to standard error.</summary>
    public static async Task<ServiceProvider> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string data = DataDirectory(parse);
        IConfigurationRoot configuration = LoadConfiguration(data);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton(TimeProvider.System);
        services.AddPushboxStorage(StorageOptions(configuration, data));
        services.AddSingleton(QuotaOptions(configuration));
        services.AddSingleton<MailboxQuotas>();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<MailImporter>();
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<PushboxDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
            return provider;
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Finds a user by address or alias, or writes one error line and returns null.</summary>
    public static async Task<Mailbox.Users.User?> FindUserOrComplainAsync(IDirectory directory, string address, CancellationToken cancellationToken)
    {
        Mailbox.Users.User? user = await directory.FindUserAsync(address, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            await Error($"no user has the address {address}").ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>Writes "pushbox: MESSAGE" to standard error and returns <see cref="ExitFailure"/>.</summary>
    public static async Task<int> Error(string message)
    {
        await Console.Error.WriteLineAsync($"pushbox: {message}").ConfigureAwait(false);
        return ExitFailure;
    }

    /// <summary>
    /// Runs a verb's body against the store; any refusal or failure becomes one error line and exit 1
    /// (no stack trace: an administrator needs the reason, the log has the rest).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "The verb body reads best as the last argument.")]
    public static async Task<int> WithStoreAsync(ParseResult parse, CancellationToken cancellationToken, Func<IServiceProvider, Task<int>> body)
    {
        try
        {
            ServiceProvider services = await OpenStoreAsync(parse, cancellationToken).ConfigureAwait(false);
            await using (services.ConfigureAwait(false))
            {
                return await body(services).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await Error("interrupted").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return await Error(Describe(e)).ConfigureAwait(false);
        }
    }

    /// <summary>The message of <paramref name="e"/> for one error line, without ArgumentException's "(Parameter 'x')" suffix.</summary>
    public static string Describe(Exception e)
    {
        string message = e is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : e.Message;
        return e is ArgumentOutOfRangeException ? message.Split('\n')[0].TrimEnd() : message; // drop "Actual value was …"
    }
}
