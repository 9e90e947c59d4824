using System;
using System.Globalization;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>Internal carrier of a part's failure and its number, unwrapped by the jobs.</summary>
internal sealed class PartFailedException : Exception
{
    public PartFailedException()
    {
    }

    public PartFailedException(string message)
        : base(message)
    {
    }

    public PartFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartFailedException(int partNumber, Exception innerException)
        : base("Part " + partNumber.ToString(CultureInfo.InvariantCulture) + " failed: " + innerException.Message, innerException)
    {
        PartNumber = partNumber;
    }

    public int PartNumber { get; }
}
