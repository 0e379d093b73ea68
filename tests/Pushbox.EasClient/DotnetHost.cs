namespace Pushbox.Testing.Eas;

/// <summary>Finds the <c>dotnet</c> executable that runs <c>pushbox.dll</c>.</summary>
internal static class DotnetHost
{
    /// <summary>This process's host when it is <c>dotnet</c> (a test host), else DOTNET_HOST_PATH (set by the SDK), else "dotnet" on the PATH.</summary>
    public static string Path
    {
        get
        {
            string? self = Environment.ProcessPath;
            if (self is not null && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        }
    }
}
