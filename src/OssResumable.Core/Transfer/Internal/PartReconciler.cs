using System.Collections.Generic;
using System.Globalization;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Decides, for a resumed upload, which parts to trust. The server is the source of truth: a part
/// recorded in the checkpoint is kept only if ListParts shows it with the same size, ETag and
/// CRC-64. A part the server stores but the checkpoint does not confirm (the process died between
/// the part's acknowledgement and the checkpoint save, or the checkpoint disagrees) is not trusted
/// blindly either: it becomes a candidate that is checked against the local bytes by CRC-64 and
/// sent again only if it differs. Everything else is sent.
/// </summary>
internal static class PartReconciler
{
    public static PartReconciliation Reconcile(UploadPlan plan, IReadOnlyList<StoredPart> recorded, IReadOnlyList<ListedPart> listed)
    {
        var recordedByNumber = new Dictionary<int, StoredPart>();
        foreach (StoredPart part in recorded)
        {
            recordedByNumber[part.PartNumber] = part;
        }

        var kept = new List<StoredPart>();
        var candidates = new Dictionary<int, StoredPart>();
        var forgotten = new List<int>();
        var notes = new List<string>();
        var listedNumbers = new HashSet<int>();

        foreach (ListedPart server in listed)
        {
            int number = server.PartNumber;
            listedNumbers.Add(number);
            if (number < 1 || number > plan.PartCount)
            {
                notes.Add(Format("OSS stores part {0}, beyond the {1} parts of this upload; it will not be part of the object.", number, plan.PartCount));
                continue;
            }

            long expectedSize = plan.GetPart(number).Length;
            recordedByNumber.TryGetValue(number, out StoredPart? mine);
            if (mine is not null && Confirms(server, mine))
            {
                kept.Add(mine);
                continue;
            }

            if (mine is not null)
            {
                forgotten.Add(number);
                notes.Add(Format("Part {0} on OSS differs from the checkpoint ({1}).", number, Difference(server, mine)));
            }

            if (server.Size == expectedSize && server.Crc64 is ulong crc)
            {
                candidates[number] = new StoredPart(number, server.Size, server.ETag, crc);
            }
            else if (server.Size != expectedSize)
            {
                notes.Add(Format("Part {0} on OSS has {1} bytes, but this upload's part {0} has {2}; it will be sent again.", number, server.Size, expectedSize));
            }
            else
            {
                notes.Add(Format("OSS reports no CRC-64 for part {0}, so it cannot be checked against the local file; it will be sent again.", number));
            }
        }

        foreach (StoredPart mine in recorded)
        {
            if (!listedNumbers.Contains(mine.PartNumber))
            {
                forgotten.Add(mine.PartNumber);
                notes.Add(Format("Part {0} is recorded in the checkpoint but OSS does not list it; it will be sent again.", mine.PartNumber));
            }
        }

        forgotten.Sort();
        return new PartReconciliation(plan, kept, candidates, forgotten, notes);
    }

    // Without a CRC from the server (OSS always sends one, but it is optional in the protocol), size
    // and ETag (the part's MD5) must agree; our recorded CRC was checked against OSS's when the part was sent.
    private static bool Confirms(ListedPart server, StoredPart mine) =>
        server.Size == mine.Size
        && StoredPart.SameETag(server.ETag, mine.ETag)
        && (server.Crc64 is null || server.Crc64.Value == mine.Crc64);

    private static string Difference(ListedPart server, StoredPart mine)
    {
        var parts = new List<string>();
        if (server.Size != mine.Size)
        {
            parts.Add(Format("size {0} on OSS, {1} recorded", server.Size, mine.Size));
        }

        if (!StoredPart.SameETag(server.ETag, mine.ETag))
        {
            parts.Add("ETag " + server.ETag + " on OSS, " + mine.ETag + " recorded");
        }

        if (server.Crc64 is ulong crc && crc != mine.Crc64)
        {
            parts.Add(Format("CRC-64 {0} on OSS, {1} recorded", crc, mine.Crc64));
        }

        return string.Join("; ", parts);
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
