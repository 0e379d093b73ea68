using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.GetItemEstimateTags;

namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// Writes a GetItemEstimate response in the element order of GetItemEstimateResponse.xsd: the request-wide
/// <c>Status</c> alone, or one <c>Response</c> per collection holding <c>Status</c> and <c>Collection</c>
/// (<c>CollectionId</c>, then <c>Estimate</c> on success). The elements are the same in every protocol
/// version; the version only decides whether a common status code (101 and above) may be written, which is
/// from 14.0 on.
/// </summary>
public static class GetItemEstimateResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A status is a common status code and <paramref name="version"/> is older than 14.0.</exception>
    public static void Write(WbxmlWriter writer, GetItemEstimateResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status is GetItemEstimateStatus global)
        {
            FolderValues.RequireStatusKnownTo((int)global, version, nameof(response));
        }

        foreach (GetItemEstimateCollectionResponse collection in response.Responses)
        {
            FolderValues.RequireStatusKnownTo((int)collection.Status, version, nameof(response));
        }

        writer.WriteStartElement(Tags.GetItemEstimate);
        if (response.Status is GetItemEstimateStatus status)
        {
            writer.WriteElementInt(Tags.Status, (int)status);
        }

        foreach (GetItemEstimateCollectionResponse collection in response.Responses)
        {
            writer.WriteStartElement(Tags.Response);
            writer.WriteElementInt(Tags.Status, (int)collection.Status);
            if (collection.CollectionId is not null)
            {
                writer.WriteStartElement(Tags.Collection);
                writer.WriteElementString(Tags.CollectionId, collection.CollectionId);
                if (collection.Estimate is int estimate)
                {
                    writer.WriteElementInt(Tags.Estimate, estimate);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
