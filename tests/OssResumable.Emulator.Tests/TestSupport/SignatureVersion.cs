namespace OssResumable.Emulator.Tests.TestSupport;

public enum SignatureVersion
{
    V1,
    V4,
}
