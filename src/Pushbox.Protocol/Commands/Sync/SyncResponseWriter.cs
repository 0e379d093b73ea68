using System.Globalization;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Wbxml;
using BaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using Tags = Pushbox.Wbxml.EasCodePages.AirSyncTags;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>
/// Writes a Sync response (MS-ASCMD 2.2.1.21) straight to the client. The document is either a request-wide
/// <c>Status</c> (with <c>Limit</c> for 14 and 15, MS-ASCMD_R3223) or <c>Collections</c>, never both
/// (MS-ASCMD_R4561). Each Collection is written in the order SyncResponse.xsd lists its children: (Class,
/// 2.5 to 12.1), SyncKey, CollectionId, Status, Commands (Add, Change, Delete, SoftDelete in the order
/// given), Responses (Add, Change, Delete, Fetch in the order given), MoreAvailable. Commands and Responses
/// are left out when empty (each MUST hold at least one child, MS-ASCMD 2.2.3.32, R3836).
/// </summary>
/// <remarks>
/// The output is flushed after each item whose ApplicationData was written, so a response of many or large
/// items is sent as it is produced. Everything is checked before the first byte: a response the version
/// cannot carry (a collection Class from 14.0, a per-item Class before 14.0, InstanceId or ApplicationData in
/// Add and Change responses before 16.0, a common status code before 14.0), a value longer than
/// <see cref="SyncLimits"/> allows, or a command of the wrong kind is a caller bug and throws
/// <see cref="ArgumentException"/> with nothing written.
/// </remarks>
public static class SyncResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document for protocol <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">The response holds something <paramref name="version"/> cannot carry, or breaks a rule above.</exception>
    /// <exception cref="InvalidOperationException">An <see cref="ItemDataWriter"/> left an element open or closed one it did not open.</exception>
    public static async ValueTask WriteAsync(SyncResponse response, WbxmlResponseOutput output, EasVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(output);
        Check(response, version);

        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.Sync);
        if (response.Status is SyncStatus status)
        {
            writer.WriteElementInt(Tags.Status, (int)status);
            if (response.Limit is int limit)
            {
                writer.WriteElementInt(Tags.Limit, limit);
            }
        }
        else
        {
            writer.WriteStartElement(Tags.Collections);
            foreach (SyncCollectionResponse collection in response.Collections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WriteCollectionAsync(collection, output, cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static async ValueTask WriteCollectionAsync(SyncCollectionResponse collection, WbxmlResponseOutput output, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.Collection);
        if (collection.Class is not null)
        {
            writer.WriteElementString(Tags.Class, collection.Class);
        }

        writer.WriteElementString(Tags.SyncKey, collection.SyncKey);
        writer.WriteElementString(Tags.CollectionId, collection.CollectionId);
        writer.WriteElementInt(Tags.Status, (int)collection.Status);
        if (collection.Commands is { Count: > 0 } commands)
        {
            writer.WriteStartElement(Tags.Commands);
            foreach (SyncServerCommand command in commands)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.WriteStartElement(CommandTag(command.Kind));
                if (command.Class is not null)
                {
                    writer.WriteElementString(Tags.Class, command.Class);
                }

                writer.WriteElementString(Tags.ServerId, command.ServerId);
                if (command.ApplicationData is ItemDataWriter data)
                {
                    await WriteApplicationDataAsync(data, output, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndElement();
                if (command.ApplicationData is not null)
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteEndElement();
        }

        if (collection.Responses is { Count: > 0 } responses)
        {
            writer.WriteStartElement(Tags.Responses);
            foreach (SyncItemResponse item in responses)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WriteItemResponseAsync(item, output, cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndElement();
        }

        if (collection.MoreAvailable)
        {
            writer.WriteEmptyElement(Tags.MoreAvailable);
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// Add: Class, ClientId, ServerId, Status, ApplicationData. Change: Class, ServerId, InstanceId, Status,
    /// ApplicationData. Delete: ServerId, InstanceId, Status. Fetch: ServerId, Status, ApplicationData.
    /// (SyncResponse.xsd; ApplicationData of a Change, 16.0, follows Status as in an Add.)
    /// </summary>
    private static async ValueTask WriteItemResponseAsync(SyncItemResponse item, WbxmlResponseOutput output, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(CommandTag(item.Kind));
        if (item.Class is not null)
        {
            writer.WriteElementString(Tags.Class, item.Class);
        }

        if (item.ClientId is not null)
        {
            writer.WriteElementString(Tags.ClientId, item.ClientId);
        }

        if (item.ServerId is not null)
        {
            writer.WriteElementString(Tags.ServerId, item.ServerId);
        }

        if (item.InstanceId is not null)
        {
            writer.WriteElementString(BaseTags.InstanceId, item.InstanceId);
        }

        writer.WriteElementInt(Tags.Status, (int)item.Status);
        if (item.ApplicationData is ItemDataWriter data)
        {
            await WriteApplicationDataAsync(data, output, cancellationToken).ConfigureAwait(false);
        }

        writer.WriteEndElement();
        if (item.ApplicationData is not null)
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask WriteApplicationDataAsync(ItemDataWriter data, WbxmlResponseOutput output, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.ApplicationData);
        int depth = writer.Depth;
        await data(output, cancellationToken).ConfigureAwait(false);
        if (writer.Depth != depth)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"An item data writer must end every element it starts; it left the depth at {writer.Depth} instead of {depth}."));
        }

        writer.WriteEndElement();
    }

    private static ushort CommandTag(SyncCommandKind kind) => kind switch
    {
        SyncCommandKind.Add => Tags.Add,
        SyncCommandKind.Change => Tags.Change,
        SyncCommandKind.Delete => Tags.Delete,
        SyncCommandKind.SoftDelete => Tags.SoftDelete,
        SyncCommandKind.Fetch => Tags.Fetch,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Sync command."),
    };

    private static void Check(SyncResponse response, EasVersion version)
    {
        const string name = nameof(response);
        if (version < EasVersion.V25)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Not a protocol version.");
        }

        ArgumentNullException.ThrowIfNull(response.Collections, name);
        if (response.Status is SyncStatus status)
        {
            RequireStatus(status, version, name);
            if (response.Collections.Count > 0)
            {
                throw new ArgumentException("A response with a request-wide Status has no collections.", name);
            }

            if (response.Limit is not null && status is not (SyncStatus.InvalidWaitOrHeartbeat or SyncStatus.TooManyCollections))
            {
                // MS-ASCMD_R3223: "The Limit element is returned in a response with a status code of 14 or 15."
                throw new ArgumentException("Limit goes with Status 14 or 15 only.", name);
            }
        }
        else if (response.Limit is not null)
        {
            throw new ArgumentException("Limit goes with a request-wide Status, never with collections (MS-ASCMD_R4561).", name);
        }
        else if (response.Collections.Count == 0)
        {
            throw new ArgumentException("A response with neither Status nor collections is the empty response, which has no body.", name);
        }

        foreach (SyncCollectionResponse collection in response.Collections)
        {
            ArgumentNullException.ThrowIfNull(collection, name);
            CheckCollection(collection, version, name);
        }
    }

    private static void CheckCollection(SyncCollectionResponse collection, EasVersion version, string name)
    {
        FolderValues.Require(collection.SyncKey, SyncLimits.MaxSyncKeyLength, name);
        FolderValues.Require(collection.CollectionId, SyncLimits.MaxCollectionIdLength, name);
        RequireStatus(collection.Status, version, name);
        if (collection.Class is not null)
        {
            if (version >= EasVersion.V140)
            {
                throw new ArgumentException($"Class is a child of a Sync Collection up to protocol 12.1, not in {version} (MS-ASCMD_R6292).", name);
            }

            FolderValues.Require(collection.Class, SyncLimits.MaxClassLength, name);
        }

        foreach (SyncServerCommand command in collection.Commands ?? [])
        {
            ArgumentNullException.ThrowIfNull(command, name);
            if (command.Kind is not (SyncCommandKind.Add or SyncCommandKind.Change or SyncCommandKind.Delete or SyncCommandKind.SoftDelete))
            {
                throw new ArgumentException($"The server sends Add, Change, Delete or SoftDelete commands, not {command.Kind}.", name);
            }

            FolderValues.Require(command.ServerId, SyncLimits.MaxServerIdLength, name);
            bool carriesData = command.Kind is SyncCommandKind.Add or SyncCommandKind.Change;
            if (carriesData != command.ApplicationData is not null)
            {
                throw new ArgumentException($"A server {command.Kind} {(carriesData ? "needs" : "has no")} ApplicationData.", name);
            }

            if (command.Class is not null)
            {
                if (command.Kind == SyncCommandKind.SoftDelete)
                {
                    throw new ArgumentException("SoftDelete has no Class.", name);
                }

                RequireItemClass(command.Class, version, name);
            }
        }

        foreach (SyncItemResponse item in collection.Responses ?? [])
        {
            ArgumentNullException.ThrowIfNull(item, name);
            CheckItemResponse(item, version, name);
        }
    }

    private static void CheckItemResponse(SyncItemResponse item, EasVersion version, string name)
    {
        RequireStatus(item.Status, version, name);
        switch (item.Kind)
        {
            case SyncCommandKind.Add:
                FolderValues.Require(item.ClientId ?? throw new ArgumentException("An Add response needs the ClientId.", name), SyncLimits.MaxClientIdLength, name);
                break;
            case SyncCommandKind.Change or SyncCommandKind.Delete:
                FolderValues.Require(item.ServerId ?? throw new ArgumentException($"A {item.Kind} response needs the ServerId.", name), SyncLimits.MaxServerIdLength, name);
                break;
            case SyncCommandKind.Fetch:
                break;
            default:
                throw new ArgumentException($"Responses answer Add, Change, Delete or Fetch, not {item.Kind}.", name);
        }

        if (item.ClientId is not null && item.Kind != SyncCommandKind.Add)
        {
            throw new ArgumentException($"Only an Add response carries a ClientId, not a {item.Kind} response.", name);
        }

        if (item.ServerId is not null)
        {
            FolderValues.Require(item.ServerId, SyncLimits.MaxServerIdLength, name);
        }

        if (item.Class is not null)
        {
            if (item.Kind is not (SyncCommandKind.Add or SyncCommandKind.Change))
            {
                throw new ArgumentException($"A {item.Kind} response has no Class.", name);
            }

            RequireItemClass(item.Class, version, name);
        }

        if (item.InstanceId is not null)
        {
            if (item.Kind is not (SyncCommandKind.Change or SyncCommandKind.Delete) || version < EasVersion.V160)
            {
                throw new ArgumentException($"InstanceId is in Change and Delete responses from protocol 16.0, not in a {item.Kind} response of {version} (MS-ASAIRS_R1184).", name);
            }

            FolderValues.Require(item.InstanceId, SyncLimits.MaxInstanceIdLength, name);
        }

        if (item.ApplicationData is not null)
        {
            bool allowed = item.Kind == SyncCommandKind.Fetch
                || (item.Kind is SyncCommandKind.Add or SyncCommandKind.Change && version >= EasVersion.V160);
            if (!allowed)
            {
                throw new ArgumentException($"ApplicationData is in Fetch responses, and in Add and Change responses from protocol 16.0; not in a {item.Kind} response of {version}.", name);
            }
        }
    }

    /// <summary>A Class on an item (Add, Change, Delete) exists from 14.0 (MS-ASCMD_R6291, R6293).</summary>
    private static void RequireItemClass(string itemClass, EasVersion version, string name)
    {
        if (version < EasVersion.V140)
        {
            throw new ArgumentException($"Class is a child of Sync commands and responses from protocol 14.0, not in {version} (MS-ASCMD_R6291).", name);
        }

        FolderValues.Require(itemClass, SyncLimits.MaxClassLength, name);
    }

    /// <summary>Status is an unsignedByte (MS-ASCMD_R2769); a common code (above 100) from 14.0 only.</summary>
    private static void RequireStatus(SyncStatus status, EasVersion version, string name)
    {
        FolderValues.RequireStatusKnownTo((int)status, version, name);
        if ((int)status > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, status, "A Sync Status is a number from 1 to 255.");
        }
    }
}
