using Microsoft.Extensions.Logging;
using Pushbox.Commands.Email;
using Pushbox.Commands.Policies;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Protocol.Commands.Settings;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// Settings (MS-ASCMD 2.2.1.18): the properties in request order, each answered with its own status. Oof Get and Set
/// on the user's stored settings (a Set changes only what it sends; saving starts a new reply period); DeviceInformation
/// Set on the device (the same record Provision keeps); DevicePassword Set, sealed at rest, when the user's policy
/// enables password recovery (Status 7 otherwise); UserInformation Get with the user's addresses; and
/// RightsManagementInformation Get (14.1+), answered with no templates since Pushbox has no rights management server.
/// A request that cannot be read, or asks for a property its version lacks, gets Status 2 and nothing else.
/// </summary>
internal sealed partial class SettingsHandler(
    IUserSettingsStore settings,
    IDeviceStore devices,
    IDirectory directory,
    IPolicyStore policies,
    WbxmlLimits limits,
    ILogger<SettingsHandler> logger) : IEasCommandHandler
{
    private static readonly OofAudience[] Audiences = [OofAudience.Internal, OofAudience.ExternalKnown, OofAudience.ExternalUnknown];

    public EasCommand Command => EasCommand.Settings;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, new SettingsResponse((SettingsStatus)status, []));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        SettingsRequest request;
        try
        {
            request = SettingsRequestParser.Parse(body, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            LogMalformed(context.UserId, e.Detail);
            return Respond(context, new SettingsResponse(SettingsStatus.ProtocolError, []));
        }

        if (context.Version < EasVersion.V141 && request.Properties.Any(p => p.Kind == SettingsPropertyKind.RightsManagementInformation))
        {
            // MS-ASCMD_R7083, R7084: the element does not exist before 14.1, so the request is not one that version can send.
            LogNotInVersion(context.UserId, context.Version);
            return Respond(context, new SettingsResponse(SettingsStatus.ProtocolError, []));
        }

        var answers = new List<SettingsPropertyResponse>(request.Properties.Count);
        foreach (SettingsProperty property in request.Properties)
        {
            SettingsPropertyResponse answer = property.Refusal is SettingsStatus refusal
                ? new SettingsPropertyResponse(property.Kind, refusal)
                : await HandlePropertyAsync(context, property, cancellationToken).ConfigureAwait(false);
            if (answer.Status != SettingsStatus.Success)
            {
                LogRefused(context.UserId, property.Kind, (int)answer.Status);
            }

            answers.Add(answer);
        }

        return Respond(context, new SettingsResponse(SettingsStatus.Success, answers));
    }

    private Task<SettingsPropertyResponse> HandlePropertyAsync(EasRequestContext context, SettingsProperty property, CancellationToken cancellationToken) =>
        property.Kind switch
        {
            SettingsPropertyKind.Oof when property.OofSet is { } set => SetOofAsync(context, set, cancellationToken),
            SettingsPropertyKind.Oof => GetOofAsync(context, property.OofGet ?? OofBodyType.Text, cancellationToken),
            SettingsPropertyKind.DeviceInformation => SetDeviceInformationAsync(context, property.DeviceInformation!, cancellationToken),
            SettingsPropertyKind.DevicePassword => SetDevicePasswordAsync(context, property.Password!, cancellationToken),
            SettingsPropertyKind.UserInformation => GetUserInformationAsync(context, cancellationToken),
            _ => Task.FromResult(new SettingsPropertyResponse(SettingsPropertyKind.RightsManagementInformation, SettingsStatus.Success)),
        };

    private async Task<SettingsPropertyResponse> GetOofAsync(EasRequestContext context, OofBodyType bodyType, CancellationToken cancellationToken)
    {
        OofSettings oof = await settings.GetOofAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        var messages = Audiences.Select(audience =>
        {
            OofReply reply = oof.For(ToDomain(audience));
            return new OofMessageResponse(audience, reply.Enabled, reply.Message.Length == 0 ? null : Convert(reply, bodyType), bodyType);
        }).ToArray();
        var get = new OofGetResponse((OofState)oof.Mode, oof.Start, oof.End, messages);
        return new SettingsPropertyResponse(SettingsPropertyKind.Oof, SettingsStatus.Success) { Oof = get };
    }

    private async Task<SettingsPropertyResponse> SetOofAsync(EasRequestContext context, OofSetRequest set, CancellationToken cancellationToken)
    {
        OofSettings current = await settings.GetOofAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        var mode = set.State is OofState state ? (OofMode)state : current.Mode;
        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        if (mode == OofMode.Scheduled)
        {
            // MS-ASCMD_R7544: times are kept only with state 2; a Set of state 2 alone keeps the stored period.
            (start, end) = set.StartTime is not null ? (set.StartTime, set.EndTime) : (current.Start, current.End);
            if (start is null || end is null)
            {
                return new SettingsPropertyResponse(SettingsPropertyKind.Oof, SettingsStatus.InvalidArguments);
            }

            if (start >= end)
            {
                return new SettingsPropertyResponse(SettingsPropertyKind.Oof, SettingsStatus.ConflictingArguments);
            }
        }

        OofSettings updated = current with { Mode = mode, Start = start, End = end };
        foreach (OofMessageRequest message in set.Messages)
        {
            OofAudienceKind audience = ToDomain(message.Audience);
            OofReply reply = updated.For(audience);
            reply = reply with { Enabled = message.Enabled ?? reply.Enabled };
            if (message.ReplyMessage is { } text)
            {
                reply = reply with { Message = text, IsHtml = message.BodyType == OofBodyType.Html };
            }

            updated = audience switch
            {
                OofAudienceKind.Internal => updated with { Internal = reply },
                OofAudienceKind.ExternalKnown => updated with { ExternalKnown = reply },
                _ => updated with { ExternalUnknown = reply },
            };
        }

        OofSettings saved = await settings.SetOofAsync(context.UserId, updated, cancellationToken).ConfigureAwait(false);
        LogOofSet(context.UserId, saved.Mode, saved.Generation);
        return new SettingsPropertyResponse(SettingsPropertyKind.Oof, SettingsStatus.Success);
    }

    private async Task<SettingsPropertyResponse> SetDeviceInformationAsync(EasRequestContext context, ProvisionDeviceInformation information, CancellationToken cancellationToken)
    {
        // The same record Provision's DeviceInformation fills (MS-ASPROV_R488); an empty Set clears it (MS-ASCMD_R3947).
        var stored = new DeviceInformation(information.Model, information.Imei, information.FriendlyName, information.OS, information.OSLanguage, information.PhoneNumber, information.MobileOperator);
        await devices.SetDeviceInformationAsync(context.Device.Id, stored, cancellationToken).ConfigureAwait(false);
        return new SettingsPropertyResponse(SettingsPropertyKind.DeviceInformation, SettingsStatus.Success);
    }

    private async Task<SettingsPropertyResponse> SetDevicePasswordAsync(EasRequestContext context, string password, CancellationToken cancellationToken)
    {
        if (password.Length > 0 && !await RecoveryEnabledAsync(context.UserId, cancellationToken).ConfigureAwait(false))
        {
            // MS-ASCMD_R4401, R4402: the administrator has not enabled password recovery; nothing is stored.
            return new SettingsPropertyResponse(SettingsPropertyKind.DevicePassword, SettingsStatus.DeniedByPolicy);
        }

        await settings.SetRecoveryPasswordAsync(context.Device.Id, password, cancellationToken).ConfigureAwait(false);
        LogRecoveryPassword(context.UserId, context.Device.Id, password.Length > 0);
        return new SettingsPropertyResponse(SettingsPropertyKind.DevicePassword, SettingsStatus.Success);
    }

    private async Task<bool> RecoveryEnabledAsync(long userId, CancellationToken cancellationToken)
    {
        Mailbox.Policies.Policy? policy = await policies.GetEffectiveAsync(userId, cancellationToken).ConfigureAwait(false);
        return policy is not null && PolicySettings.Read(policy) is { PasswordRecoveryEnabled: true };
    }

    private async Task<SettingsPropertyResponse> GetUserInformationAsync(EasRequestContext context, CancellationToken cancellationToken)
    {
        User? user = await directory.GetUserAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new SettingsPropertyResponse(SettingsPropertyKind.UserInformation, SettingsStatus.AccessDenied);
        }

        var information = new UserInformationResponse(user.Address, [user.Address, .. user.Aliases], user.DisplayName);
        return new SettingsPropertyResponse(SettingsPropertyKind.UserInformation, SettingsStatus.Success) { UserInformation = information };
    }

    private static string Convert(OofReply reply, OofBodyType wanted)
    {
        if (reply.IsHtml == (wanted == OofBodyType.Html))
        {
            return reply.Message;
        }

        using TextReader converted = reply.IsHtml
            ? new HtmlToTextReader(new StringReader(reply.Message))
            : new TextToHtmlReader(new StringReader(reply.Message));
        return converted.ReadToEnd();
    }

    private static OofAudienceKind ToDomain(OofAudience audience) => audience switch
    {
        OofAudience.Internal => OofAudienceKind.Internal,
        OofAudience.ExternalKnown => OofAudienceKind.ExternalKnown,
        _ => OofAudienceKind.ExternalUnknown,
    };

    private static EasCommandResult Respond(EasRequestContext context, SettingsResponse response) =>
        EasCommandResult.Ok(writer => SettingsResponseWriter.Write(writer, response, context.Version));

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Settings request of user {UserId} is malformed: {Detail}")]
    private partial void LogMalformed(long userId, string detail);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Information, Message = "Settings request of user {UserId} asks for RightsManagementInformation, which protocol {Version} lacks")]
    private partial void LogNotInVersion(long userId, EasVersion version);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "Settings {Property} of user {UserId} answered with status {Status}")]
    private partial void LogRefused(long userId, SettingsPropertyKind property, int status);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "Out of Office of user {UserId} set to {Mode} (generation {Generation})")]
    private partial void LogOofSet(long userId, OofMode mode, long generation);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Information, Message = "Recovery password of user {UserId}, device {DeviceId} {Action}")]
    private partial void LogRecoveryPasswordCore(long userId, long deviceId, string action);

    private void LogRecoveryPassword(long userId, long deviceId, bool stored) => LogRecoveryPasswordCore(userId, deviceId, stored ? "stored" : "cleared");
}
