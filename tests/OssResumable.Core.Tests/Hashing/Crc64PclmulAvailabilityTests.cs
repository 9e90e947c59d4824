using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace OssResumable.Core.Tests.Hashing;

public class Crc64PclmulAvailabilityTests
{
    // Every x64 CPU since about 2010 has PCLMULQDQ. If this fails on x64, the hardware path is
    // disabled (e.g. DOTNET_EnableHWIntrinsic=0) and the path theories silently lost their Pclmul
    // rows, so the fast path would ship untested: fail loudly instead.
    [Fact]
    public void Pclmulqdq_OnX64_IsSupportedSoThePathIsTested()
    {
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.True(Pclmulqdq.IsSupported, "PCLMULQDQ is unavailable; the carry-less-multiply CRC path is not being tested.");
        }
    }
}
