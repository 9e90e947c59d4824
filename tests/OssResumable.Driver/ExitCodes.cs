namespace OssResumable.Driver;

/// <summary>The driver's exit codes (a contract with the crash-test and benchmark scripts).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
