namespace Pushbox.Testing.Eas;

/// <summary>How a <c>pushbox</c> command-line verb ended.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
