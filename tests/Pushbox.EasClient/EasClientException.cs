namespace Pushbox.Testing.Eas;

/// <summary>A helper such as <see cref="EasClient.FolderSyncAsync"/> did not get the document it expects; <see cref="Response"/> says what came instead.</summary>
public sealed class EasClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EasClientException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public EasClientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EasClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="response"/>.</summary>
    public EasClientException(string message, EasResponse response)
        : base($"{message}: {response}")
    {
        Response = response;
    }

    /// <summary>The response, when there was one.</summary>
    public EasResponse? Response { get; }
}
