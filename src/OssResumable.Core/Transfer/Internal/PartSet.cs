using System;
using System.Collections.Generic;
using System.Globalization;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// The parts of one multipart upload that OSS has confirmed, indexed by part number (at most
/// 10,000 entries, independent of the file size), with the bytes sent and skipped. Thread-safe.
/// </summary>
internal sealed class PartSet
{
    private readonly object _gate = new();
    private readonly StoredPart?[] _parts;
    private int _count;
    private long _bytesSent;
    private long _bytesSkipped;

    public PartSet(UploadPlan plan)
    {
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _parts = new StoredPart?[plan.PartCount + 1];
    }

    public UploadPlan Plan { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public long BytesSent
    {
        get
        {
            lock (_gate)
            {
                return _bytesSent;
            }
        }
    }

    public long BytesSkipped
    {
        get
        {
            lock (_gate)
            {
                return _bytesSkipped;
            }
        }
    }

    public bool IsComplete => Count == Plan.PartCount;

    /// <summary>Records a part; <paramref name="sentNow"/> says whether this run sent it (else it was already stored).</summary>
    public void Add(StoredPart part, bool sentNow)
    {
        long expected = Plan.GetPart(part.PartNumber).Length;
        if (part.Size != expected)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture, "Part {0} has {1} bytes but the plan says {2}.", part.PartNumber, part.Size, expected));
        }

        lock (_gate)
        {
            if (_parts[part.PartNumber] is null)
            {
                _count++;
            }

            _parts[part.PartNumber] = part;
            if (sentNow)
            {
                _bytesSent += part.Size;
            }
            else
            {
                _bytesSkipped += part.Size;
            }
        }
    }

    public bool Contains(int partNumber)
    {
        lock (_gate)
        {
            return partNumber >= 1 && partNumber < _parts.Length && _parts[partNumber] is not null;
        }
    }

    /// <summary>All parts in part-number order; fails when one is missing (a bug, never a user error).</summary>
    public IReadOnlyList<StoredPart> ToOrderedList()
    {
        lock (_gate)
        {
            var list = new List<StoredPart>(_count);
            for (int number = 1; number < _parts.Length; number++)
            {
                list.Add(_parts[number] ?? throw new InvalidOperationException(
                    "Part " + number.ToString(CultureInfo.InvariantCulture) + " has not been uploaded; the upload cannot be completed."));
            }

            return list;
        }
    }
}
