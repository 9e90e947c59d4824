
namespace OssResumable.PowerShell.Errors;

/// <summary>
/// The <c>System.Management.Automation.ErrorCategory</c> values this module uses, with the same names
/// and numbers, so error mapping can be tested without a PowerShell runtime. A unit test compares
/// every member with the enum in PowerShell's reference assembly; the cmdlets cast by number.
/// </summary>
internal enum PsErrorCategory
{
    /// <summary>NotSpecified.</summary>
    NotSpecified = 0,

    /// <summary>OpenError.</summary>
    OpenError = 1,

    /// <summary>InvalidArgument.</summary>
    InvalidArgument = 5,

    /// <summary>InvalidData.</summary>
    InvalidData = 6,

    /// <summary>InvalidOperation.</summary>
    InvalidOperation = 7,

    /// <summary>InvalidResult.</summary>
    InvalidResult = 8,

    /// <summary>ObjectNotFound.</summary>
    ObjectNotFound = 13,

    /// <summary>OperationStopped.</summary>
    OperationStopped = 14,

    /// <summary>OperationTimeout.</summary>
    OperationTimeout = 15,

    /// <summary>PermissionDenied.</summary>
    PermissionDenied = 18,

    /// <summary>ResourceBusy.</summary>
    ResourceBusy = 19,

    /// <summary>ResourceExists.</summary>
    ResourceExists = 20,

    /// <summary>ResourceUnavailable.</summary>
    ResourceUnavailable = 21,

    /// <summary>ReadError.</summary>
    ReadError = 22,

    /// <summary>WriteError.</summary>
    WriteError = 23,

    /// <summary>SecurityError.</summary>
    SecurityError = 25,

    /// <summary>ProtocolError.</summary>
    ProtocolError = 26,

    /// <summary>ConnectionError.</summary>
    ConnectionError = 27,

    /// <summary>AuthenticationError.</summary>
    AuthenticationError = 28,

    /// <summary>LimitsExceeded.</summary>
    LimitsExceeded = 29,
}
