using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Pushbox.Smtp;
using Pushbox.Storage;

namespace Pushbox;

/// <summary>
/// <c>pushbox serve</c>: runs the server on a data folder — today the SMTP (and optional LMTP) intake;
/// the HTTPS side joins this process with the front door. Applies migrations first.
/// </summary>
internal static partial class ServeCommand
{
    public static Command Create()
    {
        var smtp = new Option<string[]>("--smtp")
        {
            Description = "SMTP listener HOST:PORT (repeatable; default 0.0.0.0:2525, or Smtp:Endpoints in pushbox.json).",
            AllowMultipleArgumentsPerToken = false,
        };
        var lmtp = new Option<string[]>("--lmtp")
        {
            Description = "LMTP listener HOST:PORT or unix:/path, for a local MTA such as Postfix (repeatable; none by default).",
        };
        var command = new Command("serve", "Run the server on the data folder (SMTP intake on 0.0.0.0:2525 unless configured).") { smtp, lmtp };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string data = CliContext.DataDirectory(parse);
            IConfigurationRoot configuration = CliContext.LoadConfiguration(data);
            SmtpOptions smtpOptions;
            StorageOptions storageOptions;
            try
            {
                Directory.CreateDirectory(data);
                storageOptions = CliContext.StorageOptions(configuration, data);
                smtpOptions = SmtpOptionsFrom(configuration, parse.GetValue(smtp), parse.GetValue(lmtp));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
            {
                return await CliContext.Error($"cannot start: {CliContext.Describe(e)}");
            }

            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
            builder.Configuration.AddConfiguration(configuration);
            builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddPushboxStorage(storageOptions);
            builder.Services.AddPushboxSmtp(smtpOptions);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = smtpOptions.ShutdownTimeout + TimeSpan.FromSeconds(5));
            using IHost host = builder.Build();
            ILogger logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pushbox");
            try
            {
                await host.Services.GetRequiredService<PushboxDatabase>().MigrateAsync(cancellationToken);
                await host.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return await CliContext.Error($"cannot start: {CliContext.Describe(e)}");
            }

            var intake = host.Services.GetRequiredService<SmtpIntakeService>();
            string smtpList = string.Join(", ", intake.SmtpEndPoints);
            string lmtpList = intake.LmtpEndPoints.Count > 0 ? string.Join(", ", intake.LmtpEndPoints) : "-";
            LogServing(logger, data, smtpList, lmtpList);
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>The "Smtp" section (Endpoints, LmtpEndpoints, ServerName, Limits, Certificate) with command-line listeners replacing the configured ones.</summary>
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

        options.Certificate = LoadCertificate(configuration.GetSection("Tls"));
        options.Validate();
        return options;
    }

    /// <summary>
    /// The server certificate from "Tls": <c>Certificate</c> (a PEM file with <c>Key</c>, or a PFX with
    /// <c>Password</c>). None configured: no STARTTLS yet (the front door will generate one).
    /// </summary>
    private static X509Certificate2? LoadCertificate(IConfigurationSection tls)
    {
        string? path = tls["Certificate"];
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, tls["Password"]);
        }

        return X509Certificate2.CreateFromPemFile(path, tls["Key"]);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Pushbox is serving {Data}: SMTP on {Smtp}, LMTP on {Lmtp}")]
    private static partial void LogServing(ILogger logger, string data, string smtp, string lmtp);
}
