using System.Text.Json;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol.Commands.Provision;

namespace Pushbox.Commands.Policies;

/// <summary>Reads a stored policy's settings: the JSON of an <see cref="EasProvisionDoc"/> (the store never reads it).</summary>
internal static class PolicySettings
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The settings, validated; null when they are not a valid EASProvisionDoc (Provision answers PolicyDataCorrupt).</summary>
    public static EasProvisionDoc? Read(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            EasProvisionDoc? doc = JsonSerializer.Deserialize<EasProvisionDoc>(policy.SettingsJson, Json);
            doc?.Validate();
            return doc;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
