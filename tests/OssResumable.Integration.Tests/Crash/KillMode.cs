namespace OssResumable.Integration.Tests.Crash;

/// <summary>Where in a run the crash test kills the driver.</summary>
internal enum KillMode
{
    /// <summary>At a random moment before the run's first part byte reaches the server: start-up, checkpoint load, ListParts, Initiate.</summary>
    BeforeFirstByte,

    /// <summary>When the server has read a random number of part bytes in this run: parts are cut off mid-body.</summary>
    MidPart,

    /// <summary>Right after the server stored a part (a random one): its acknowledgement may not have reached the checkpoint yet.</summary>
    AfterPartStored,

    /// <summary>The last kill only: as soon as the server sees CompleteMultipartUpload (it may finish it or not before the client dies).</summary>
    AtComplete,
}
