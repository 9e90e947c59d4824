using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OssResumable.PowerShell.Configuration;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Pipeline;

namespace OssResumable.PowerShell.Commands;

/// <summary>
/// Base of the OssResumable cmdlets: the connection and credential parameters shared by all of them,
/// Ctrl+C as a cancellation token, the pipeline-thread message pump and error records.
/// </summary>
public abstract class OssCmdlet : PSCmdlet, IDisposable
{
    private CommandContext? _context;

    #region Parameters

    /// <summary>
    /// The OSS endpoint, e.g. <c>oss-cn-hangzhou.aliyuncs.com</c> or <c>http://127.0.0.1:9000</c>. Without a
    /// scheme HTTPS is used.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Endpoint { get; set; }

    /// <summary>The region id, e.g. <c>cn-hangzhou</c>: builds the endpoint when -Endpoint is absent, and is what signature V4 signs for.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>Use path-style addressing (<c>host/bucket/key</c>); by default it is used for IP and localhost endpoints only.</summary>
    [Parameter]
    public SwitchParameter PathStyle { get; set; }

    /// <summary>Signature version: 4 (default) or 1.</summary>
    [Parameter]
    [ValidateSet("1", "4")]
    public int SignatureVersion { get; set; } = 4;

    /// <summary>Credentials: user name = AccessKey ID, password = AccessKey secret.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The AccessKey ID (with -AccessKeySecret). Prefer -Credential or environment variables in scripts.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessKeyId { get; set; }

    /// <summary>The AccessKey secret (with -AccessKeyId).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessKeySecret { get; set; }

    /// <summary>The STS security token for temporary credentials.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecurityToken { get; set; }

    /// <summary>A profile of the Alibaba Cloud credentials file or of ~/.ossutilconfig.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    #endregion

    /// <summary>True for a command whose -WhatIf sends no request (so it may show its plan without credentials).</summary>
    internal virtual bool SendsNothingUnderWhatIf => false;

    /// <summary>Whether client-level retries are narrated (the upload engine narrates its own).</summary>
    internal virtual bool NarratesClientRetries => true;

    internal CommandContext Context => _context ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>
    /// Releases the clients and the pump. When the pipeline ended while uploads were still running (Ctrl+C
    /// while the command waited for input from upstream, or an upstream command failed), PowerShell calls
    /// neither ProcessRecord nor EndProcessing again: the uploads are stopped here and waited for, so that
    /// each saves its checkpoint and its resume command reaches the host.
    /// </summary>
    public void Dispose()
    {
        if (_context is not null)
        {
            StopRunningWork(_context);
            _context.Dispose();
            _context = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The connection parameters, plus how a piped upload is reached (used when -Endpoint is not given).</summary>
    /// <param name="piped">The piped object, or null.</param>
    /// <param name="maxRetries">-MaxRetries, or null.</param>
    /// <returns>The request.</returns>
    internal ConnectionRequest BuildConnectionRequest(OssMultipartUpload? piped, int? maxRetries)
    {
        var credentials = new CredentialRequest { ProfileName = ProfileName, SecurityToken = SecurityToken };
        if (Credential is not null)
        {
            credentials.FromCredentialParameter = true;
            credentials.AccessKeyId = Credential.UserName;
            credentials.AccessKeySecret = Credential.GetNetworkCredential().Password;
            credentials.AccessKeyParametersAlsoGiven = AccessKeyId is not null || AccessKeySecret is not null;
        }
        else
        {
            credentials.AccessKeyId = AccessKeyId;
            credentials.AccessKeySecret = AccessKeySecret;
        }

        return new ConnectionRequest
        {
            Endpoint = Endpoint,
            Region = Region,
            PathStyle = PathStyle.IsPresent,
            // 0 = not given: a piped object's signature version (or 4) applies.
            SignatureVersion = MyInvocation.BoundParameters.ContainsKey(nameof(SignatureVersion)) ? SignatureVersion : 0,
            MaxRetries = maxRetries,
            PlanOnly = SendsNothingUnderWhatIf && IsWhatIf(),
            Credentials = credentials,
        }.WithPipelineObject(piped);
    }

    /// <summary>Checks the connection parameters before any input is processed; bad ones end the command.</summary>
    protected override void BeginProcessing()
    {
        _context = new CommandContext(SystemConfigurationEnvironment.Instance, NarratesClientRetries);
        try
        {
            ConnectionResolver.ValidateParameters(BuildConnectionRequest(null, null));
            ValidateCommandParameters();
            WarnOfUnknownRegion();
        }
        catch (Exception ex) when (ex is OssConfigurationException or ArgumentException)
        {
            ThrowMapped(ex, new ErrorContext());
        }
    }

    // A region typo would otherwise surface as a DNS failure or a signature mismatch; new regions appear
    // over time, so an unknown one is a warning, not an error.
    private void WarnOfUnknownRegion()
    {
        if (string.IsNullOrWhiteSpace(Region) || Completion.RegionCompleter.Regions.Any(r => string.Equals(r.Id, Region!.Trim(), StringComparison.Ordinal)))
        {
            return;
        }

        WriteWarning("-Region '" + Region + "' is not an OSS region this module knows (e.g. cn-hangzhou, ap-southeast-1; Tab completes them). If it is a typo, requests will fail to connect or to sign.");
    }

    /// <summary>Checks this command's own parameters before any input is read (bad ones end the command); none by default.</summary>
    /// <exception cref="ArgumentException">A parameter or combination is invalid.</exception>
    internal virtual void ValidateCommandParameters()
    {
    }

    /// <summary>Ctrl+C: cancels the running work, which stops promptly and leaves its checkpoint valid.</summary>
    protected override void StopProcessing() => _context?.Cancel();

    /// <summary>Waits for the work, writing its messages (and progress) from this, the pipeline thread, then rethrows its failure.</summary>
    internal void RunToCompletion(Task work, ProgressPresenter? progress, bool completeProgress = true)
    {
        var writer = new CmdletPipelineWriter(this);
        try
        {
            Context.Pump.RunUntil(work, writer, progress is null ? null : progress.Tick);
        }
        catch
        {
            // Writing failed: a downstream command stopped the pipeline (Select-Object -First), threw, or an
            // error met -ErrorAction Stop. Stop all work and let it finish, so no checkpoint is left
            // half-written, and tell the host how to resume the uploads that were interrupted.
            Context.Cancel();
            WaitQuietly(work);
            WaitQuietly(AllWork());
            DrainToHost();
            throw;
        }
        finally
        {
            if (completeProgress)
            {
                progress?.Complete(writer);
            }
        }

        work.GetAwaiter().GetResult();
    }

    internal void DrainMessages() => Context.Pump.Drain(new CmdletPipelineWriter(this));

    internal ProgressPresenter? CreateProgress(string activity)
    {
        if (!IsProgressEnabled())
        {
            return null;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Func<TimeSpan> now = () => clock.Elapsed;
        return new ProgressPresenter(
            new Progress.BatchProgressTracker(now, TimeSpan.FromSeconds(10)),
            new Progress.ProgressView(activity),
            new Progress.ProgressThrottle(Progress.ProgressThrottle.DefaultInterval),
            now);
    }

    /// <summary>Everything this command has running (what must end before the command may return).</summary>
    internal virtual Task AllWork() => Task.CompletedTask;

    internal bool IsProgressEnabled()
    {
        // -ProgressAction (PowerShell 7.4+) sets the command's preference without a variable.
        object? preference = MyInvocation.BoundParameters.TryGetValue("ProgressAction", out object? bound)
            ? bound
            : GetVariableValue("ProgressPreference");
        string text = (preference is PSObject wrapped ? wrapped.BaseObject : preference)?.ToString() ?? string.Empty;
        return !string.Equals(text, nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase)
            && !string.Equals(text, nameof(ActionPreference.Ignore), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Resolves a path written by the user (relative paths against PowerShell's current location, not the
    /// process's working directory; provider-qualified PSPaths from Get-ChildItem) to a file-system path,
    /// without wildcards. Failures become <see cref="ArgumentException"/>s, which the callers map to errors.
    /// </summary>
    /// <param name="path">The path as given.</param>
    /// <param name="parameterName">The parameter, for the message.</param>
    /// <returns>The absolute file-system path.</returns>
    /// <exception cref="ArgumentException">Not a file-system path, or an unknown drive or provider.</exception>
    internal string ResolveLiteralFileSystemPath(string path, string parameterName)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is SessionStateException || ex is ProviderNotFoundException || ex is NotSupportedException || ex is PSArgumentException || ex is InvalidOperationException)
        {
            throw new ArgumentException("-" + parameterName + " '" + path + "': " + ExceptionText.ForUser(ex), ex);
        }

        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("-" + parameterName + " '" + path + "' is not a file-system path (it belongs to the " + provider.Name + " provider).");
        }

        return resolved;
    }

    /// <summary>
    /// The one rule for an item that fails before its work starts (<see cref="ErrorMapper.IsItemFailure"/>):
    /// missing credentials or endpoint end the command when nothing of it is running (every further item would
    /// fail the same way); anything else is this item's non-terminating error, and the command goes on.
    /// </summary>
    internal void ReportItemFailure(Exception exception, ErrorContext context)
    {
        if (exception is OssConfigurationException && AllWork().IsCompleted)
        {
            ThrowMapped(exception, context);
        }
        else
        {
            WriteMapped(exception, context);
        }
    }

    /// <summary>Runs one item's work, writing its messages; its failure is that item's non-terminating error, Ctrl+C ends it quietly.</summary>
    /// <returns>True when the work succeeded.</returns>
    internal bool RunItem(Task work, ErrorContext context)
    {
        try
        {
            RunToCompletion(work, null);
            return true;
        }
        catch (OperationCanceledException) when (Stopping)
        {
            return false;
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteMapped(ex, context);
            return false;
        }
    }

    internal void WriteMapped(Exception exception, ErrorContext context)
    {
        ItemErrors++;
        WriteError(ErrorRecords.Create(ErrorMapper.Map(exception, context)));
    }

    /// <summary>Non-terminating errors this command wrote itself (items refused before their work started, failed items).</summary>
    internal int ItemErrors { get; private set; }

    internal void ThrowMapped(Exception exception, ErrorContext context) =>
        ThrowTerminatingError(ErrorRecords.Create(ErrorMapper.Map(exception, context)));

    /// <summary>Whether -WhatIf (or $WhatIfPreference) is in effect for this command.</summary>
    internal bool IsWhatIf() => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
        ? value is SwitchParameter s && s.IsPresent
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    internal bool ShouldProcessUnlessForced(string target, string action, bool force)
    {
        if (!force || MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return ShouldProcess(target, action);
        }

        if (IsWhatIf())
        {
            // Describes the action ("What if: ...") and returns false.
            return ShouldProcess(target, action);
        }

        return true;
    }

    private void DrainToHost()
    {
        try
        {
            Context.Pump.DrainFinal(Task.CompletedTask, new HostWarningWriter(this), TimeSpan.Zero);
        }
#pragma warning disable CA1031 // The original failure is what propagates; the host may refuse writes.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void StopRunningWork(CommandContext context)
    {
        Task work = AllWork();
        if (work.IsCompleted)
        {
            return;
        }

        context.Cancel();
        try
        {
            context.Pump.DrainFinal(work, new HostWarningWriter(this), TimeSpan.FromMinutes(2));
        }
#pragma warning disable CA1031 // Dispose must not throw; the host may already be gone.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void WaitQuietly(Task work)
    {
        try
        {
            work.Wait(TimeSpan.FromMinutes(2));
        }
        catch (AggregateException)
        {
            // The failure of cancelled work is not interesting once the pipeline stops.
        }
    }
}
