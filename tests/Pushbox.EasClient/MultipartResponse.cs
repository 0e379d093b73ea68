using System.Buffers.Binary;
using System.Xml.Linq;
using Pushbox.Wbxml;

namespace Pushbox.Testing.Eas;

/// <summary>
/// A multipart ItemOperations response body (MS-ASCMD 2.2.1.10.1.1, content type
/// <c>application/vnd.ms-sync.multipart</c>) taken apart: PartsCount, then an (Offset, Length) pair per part, all
/// 4-byte little-endian integers, then the parts. Part 0 is the WBXML document; its <c>Part</c> elements index the rest.
/// </summary>
public sealed class MultipartResponse
{
    /// <summary>The multipart content type (MS-ASCMD_R5505).</summary>
    public const string ContentType = "application/vnd.ms-sync.multipart";

    private MultipartResponse(IReadOnlyList<byte[]> parts, XDocument document)
    {
        Parts = parts;
        Document = document;
    }

    /// <summary>Every part in table order; part 0 is the WBXML.</summary>
    public IReadOnlyList<byte[]> Parts { get; }

    /// <summary>Part 0 decoded, in libwbxml's XML form.</summary>
    public XDocument Document { get; }

    /// <summary>
    /// Splits <paramref name="body"/>. Strict: the table must fit, every part must lie inside the body, the parts must
    /// follow the table and each other without gaps or overlaps, and end where the body ends.
    /// </summary>
    /// <exception cref="FormatException">The body is not such a structure.</exception>
    public static MultipartResponse Parse(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length < 4)
        {
            throw new FormatException("A multipart body holds at least its part count.");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(body);
        if (count < 1 || count > (body.Length - 4) / 8)
        {
            throw new FormatException($"The part count {count} does not fit a body of {body.Length} bytes.");
        }

        var parts = new List<byte[]>(count);
        long next = 4 + (8L * count);
        for (int i = 0; i < count; i++)
        {
            int offset = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4 + (8 * i)));
            int length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(8 + (8 * i)));
            if (offset != next || length < 0 || (long)offset + length > body.Length)
            {
                throw new FormatException($"Part {i} ({offset}, {length}) does not follow at {next} inside {body.Length} bytes.");
            }

            parts.Add(body[offset..(offset + length)]);
            next = (long)offset + length;
        }

        if (next != body.Length)
        {
            throw new FormatException($"The parts end at {next}, the body at {body.Length}.");
        }

        return new MultipartResponse(parts, EasResponse.ParseXml(WbxmlXml.ToXml(parts[0])));
    }
}
