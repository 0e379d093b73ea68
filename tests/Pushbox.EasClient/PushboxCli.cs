using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Pushbox.Testing.Eas;

/// <summary>Runs <c>pushbox</c> verbs (<c>user add</c>, <c>user import</c>…) on a data folder, as an administrator would.</summary>
public static class PushboxCli
{
    /// <summary>How long one verb may take before it is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <c>dotnet PUSHBOXDLL --data DATA ARGUMENTS</c> with <paramref name="stdin"/> on standard input.</summary>
    /// <exception cref="TimeoutException">The verb ran longer than <see cref="Timeout"/>; it was killed.</exception>
    public static async Task<CliResult> RunAsync(string pushboxDll, string dataDirectory, string? stdin, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pushboxDll);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(pushboxDll);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDirectory);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return new CliResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pushbox {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary><c>pushbox user add EMAIL [--name NAME] --password-stdin</c>.</summary>
    /// <exception cref="InvalidOperationException">The verb failed.</exception>
    public static async Task AddUserAsync(string pushboxDll, string dataDirectory, string email, string password, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        string[] arguments = name is null ? ["user", "add", email, "--password-stdin"] : ["user", "add", email, "--name", name, "--password-stdin"];
        CliResult result = await RunAsync(pushboxDll, dataDirectory, password + "\n", arguments, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pushbox user add {email} exited with {result.ExitCode}: {result.Stderr}");
        }
    }

    /// <summary><c>pushbox user import FILE</c> with one <c>email,password,name</c> line per user: many users in one process start.</summary>
    /// <exception cref="InvalidOperationException">The verb failed.</exception>
    public static async Task ImportUsersAsync(string pushboxDll, string dataDirectory, IEnumerable<(string Email, string Password, string Name)> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var csv = new StringBuilder();
        foreach ((string email, string password, string name) in users)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{email},{password},{name}\n");
        }

        string file = Path.Combine(dataDirectory, $"import-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(file, csv.ToString(), cancellationToken).ConfigureAwait(false);
        try
        {
            CliResult result = await RunAsync(pushboxDll, dataDirectory, null, ["user", "import", file], cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"pushbox user import exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
