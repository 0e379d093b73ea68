using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pushbox.Commands.Compose;
using Pushbox.Commands.Push;
using Pushbox.Http;
using Pushbox.Http.Tls;
using Pushbox.Mailbox.Quotas;
using Pushbox.Smtp;
using Pushbox.Smtp.Relay;
using Pushbox.Storage;

namespace Pushbox;

/// <summary>
/// <c>pushbox serve</c>: runs the server on a data folder — Exchange ActiveSync and Autodiscover over
/// HTTPS (default <c>https://0.0.0.0:8443</c>), health and metrics on the management address (default
/// <c>http://127.0.0.1:9090</c>), and the SMTP (and optional LMTP) intake, in one process. Applies
/// migrations first; the TLS certificate comes from configuration or is generated into the data folder.
/// </summary>
internal static partial class ServeCommand
{
    /// <summary>Where devices connect when nothing is configured.</summary>
    public const string DefaultUrl = "https://0.0.0.0:8443";

    /// <summary>Where /healthz and /metrics answer when nothing is configured: loopback only.</summary>
    public const string DefaultManagementUrl = "http://127.0.0.1:9090";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"HTTP(S) listeners, separated by ';' (default {DefaultUrl}, or Urls in pushbox.json). http:// only behind a TLS-terminating proxy.",
        };
        var smtp = new Option<string[]>("--smtp")
        {
            Description = "SMTP listener HOST:PORT (repeatable; default 0.0.0.0:2525, or Smtp:Endpoints in pushbox.json).",
        };
        var lmtp = new Option<string[]>("--lmtp")
        {
            Description = "LMTP listener HOST:PORT or unix:/path, for a local MTA such as Postfix (repeatable; none by default).",
        };
        var command = new Command("serve", $"Run the server on the data folder: ActiveSync on {DefaultUrl}, SMTP on 0.0.0.0:2525 unless configured.") { urls, smtp, lmtp };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string data = CliContext.DataDirectory(parse);
            IConfigurationRoot configuration = CliContext.LoadConfiguration(data);
            WebApplication app;
            ServerCertificate certificate;
            try
            {
                Directory.CreateDirectory(data);
                (app, certificate) = Build(data, configuration, parse.GetValue(urls), parse.GetValue(smtp), parse.GetValue(lmtp));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException
                or System.Security.Cryptography.CryptographicException or InvalidOperationException or UriFormatException)
            {
                return await CliContext.Error($"cannot start: {CliContext.Describe(e)}");
            }

            using (certificate)
            {
                await using (app)
                {
                    ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pushbox");
                    try
                    {
                        await app.Services.GetRequiredService<PushboxDatabase>().MigrateAsync(cancellationToken);
                        await app.StartAsync(cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        return await CliContext.Error($"cannot start: {CliContext.Describe(e)}");
                    }

                    var intake = app.Services.GetRequiredService<SmtpIntakeService>();
                    int managementPort = app.Services.GetRequiredService<PushboxHttpOptions>().Operations.LocalPort ?? -1;
                    string http = string.Join(", ", app.Urls.Where(u => new Uri(u).Port != managementPort));
                    string management = string.Join(", ", app.Urls.Where(u => new Uri(u).Port == managementPort));
                    string smtpList = string.Join(", ", intake.SmtpEndPoints);
                    string lmtpList = intake.LmtpEndPoints.Count > 0 ? string.Join(", ", intake.LmtpEndPoints) : "-";
                    LogServing(logger, data, http, management, smtpList, lmtpList, certificate.Sha256Fingerprint);
                    await app.WaitForShutdownAsync(cancellationToken);
                    return 0;
                }
            }
        });
        return command;
    }

    private static (WebApplication App, ServerCertificate Certificate) Build(string data, IConfigurationRoot configuration, string? urls, string[]? smtp, string[]? lmtp)
    {
        StorageOptions storageOptions = CliContext.StorageOptions(configuration, data);
        var httpOptions = new PushboxHttpOptions { DataDirectory = data };
        configuration.Bind(httpOptions);
        httpOptions.DataDirectory = data;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = data });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        using ILoggerFactory startupLogging = LoggerFactory.Create(logging => logging.AddSimpleConsole(c => c.SingleLine = true));
        var tls = new TlsOptions();
        configuration.GetSection("Tls").Bind(tls);
        ServerCertificate certificate = ServerCertificateProvider.LoadOrCreate(tls, data, TimeProvider.System, startupLogging.CreateLogger("Pushbox.Tls"));

        string[] listeners = (urls ?? configuration["Urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string managementUrl = configuration["Management:Url"] ?? DefaultManagementUrl;
        Uri management = new(managementUrl);
        httpOptions.Operations.LocalPort = management.Port;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The endpoints enforce their own limits while reading; Kestrel's only backs them up.
            kestrel.Limits.MaxRequestBodySize = Math.Max(httpOptions.ActiveSync.Wbxml.MaxDocumentSize, Protocol.Autodiscover.AutodiscoverLimits.DefaultMaxRequestSize + 1);
            foreach (string listener in listeners)
            {
                Listen(kestrel, new Uri(listener), certificate);
            }

            Listen(kestrel, management, certificate);
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPushboxStorage(storageOptions);
        var pingOptions = new PingOptions();
        configuration.GetSection("ActiveSync:Ping").Bind(pingOptions);
        if (pingOptions.Validate() is { Count: > 0 } pingErrors)
        {
            throw new ArgumentException("Invalid Direct Push settings:" + Environment.NewLine + string.Join(Environment.NewLine, pingErrors.Select(e => "  " + e)));
        }

        builder.Services.AddSingleton(pingOptions);
        var sendOptions = new SendOptions();
        configuration.GetSection("ActiveSync:Send").Bind(sendOptions);
        if (sendOptions.Validate() is { Count: > 0 } sendErrors)
        {
            throw new ArgumentException("Invalid sending settings:" + Environment.NewLine + string.Join(Environment.NewLine, sendErrors.Select(e => "  " + e)));
        }

        builder.Services.AddSingleton(sendOptions);
        builder.Services.AddSingleton(CliContext.QuotaOptions(configuration));
        builder.Services.AddSingleton<MailboxQuotas>();
        builder.Services.AddSingleton(ValidateCertConfiguration.Load(configuration, data));
        builder.Services.AddPushboxHttp(httpOptions);
        builder.Services.AddHostedService<Storage.Blobs.BlobCollectionService>();
        builder.Services.AddHostedService<Storage.Search.SearchIndexService>();
        SmtpOptions smtpOptions = SmtpOptionsFrom(configuration, smtp, lmtp);
        smtpOptions.Certificate = certificate.Certificate;
        builder.Services.AddPushboxSmtp(smtpOptions);
        var relayOptions = new RelayOptions { LocalDomain = smtpOptions.ServerName };
        configuration.GetSection("Relay").Bind(relayOptions);
        builder.Services.AddPushboxRelay(relayOptions);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = smtpOptions.ShutdownTimeout + TimeSpan.FromSeconds(5));

        WebApplication app = builder.Build();

        // Held Pings are answered when the server stops, so that devices reconnect (to another node) at once.
        HeldRequests held = app.Services.GetRequiredService<HeldRequests>();
        app.Lifetime.ApplicationStopping.Register(held.ReleaseAll);
        app.UseRouting();
        var database = app.Services.GetRequiredService<PushboxDatabase>();
        app.MapPushbox(async ct =>
        {
            await database.GetSchemaVersionAsync(ct);
            return true;
        });
        return (app, certificate);
    }

    /// <summary>One Kestrel listener for an http(s) URL; "*", "+" and "0.0.0.0" mean every IPv4 address, "[::]" every address.</summary>
    private static void Listen(KestrelServerOptions kestrel, Uri url, ServerCertificate certificate)
    {
        if (url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
        {
            throw new FormatException($"'{url}' is not a listener URL such as https://0.0.0.0:8443.");
        }

        string host = url.Host.Trim('[', ']');
        IPAddress address = host switch
        {
            "*" or "+" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out IPAddress? parsed) ? parsed : throw new FormatException($"'{url}': listen on an IP address (or *), not the host name '{host}'."),
        };
        kestrel.Listen(address, url.Port, listen =>
        {
            if (url.Scheme == "https")
            {
                listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate.Certificate,
                    ServerCertificateChain = certificate.Intermediates,
                });
            }
        });
    }

    /// <summary>The "Smtp" section (Endpoints, LmtpEndpoints, ServerName, Limits) with command-line listeners replacing the configured ones.</summary>
    private static SmtpOptions SmtpOptionsFrom(IConfiguration configuration, string[]? smtp, string[]? lmtp)
    {
        IConfigurationSection section = configuration.GetSection("Smtp");
        var options = new SmtpOptions();
        section.GetSection("Limits").Bind(options.Limits);
        if (section["ServerName"] is { Length: > 0 } serverName)
        {
            options.ServerName = serverName;
        }

        string[] smtpEndpoints = smtp is { Length: > 0 } ? smtp : section.GetSection("Endpoints").Get<string[]>() ?? [];
        if (smtpEndpoints.Length > 0)
        {
            options.Endpoints.Clear();
            foreach (string endpoint in smtpEndpoints)
            {
                options.Endpoints.Add(SmtpOptions.ParseEndPoint(endpoint));
            }
        }

        foreach (string endpoint in lmtp is { Length: > 0 } ? lmtp : section.GetSection("LmtpEndpoints").Get<string[]>() ?? [])
        {
            options.LmtpEndpoints.Add(SmtpOptions.ParseEndPoint(endpoint));
        }

        return options;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Pushbox is serving {Data}: ActiveSync on {Http}; health and metrics on {Management}; SMTP on {Smtp}; LMTP on {Lmtp}; certificate SHA-256 {Fingerprint}")]
    private static partial void LogServing(ILogger logger, string data, string http, string management, string smtp, string lmtp, string fingerprint);
}
