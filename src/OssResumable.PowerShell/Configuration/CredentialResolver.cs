using System;
using System.Collections.Generic;
using OssResumable.Core.Protocol;
using OssResumable.PowerShell.Errors;

namespace OssResumable.PowerShell.Configuration;

/// <summary>
/// Finds the credentials to sign with, in this order (the first source that has any wins):
/// <list type="number">
/// <item><c>-Credential</c>, or <c>-AccessKeyId</c> with <c>-AccessKeySecret</c> (and <c>-SecurityToken</c>);</item>
/// <item>with <c>-ProfileName</c>: that profile of the two files below, and nothing else (it must exist);</item>
/// <item><c>OSS_ACCESS_KEY_ID</c> / <c>OSS_ACCESS_KEY_SECRET</c> / <c>OSS_SESSION_TOKEN</c>;</item>
/// <item><c>ALIBABA_CLOUD_ACCESS_KEY_ID</c> / <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> / <c>ALIBABA_CLOUD_SECURITY_TOKEN</c>;</item>
/// <item>a profile of the Alibaba Cloud credentials file (<c>-ProfileName</c>, else <c>ALIBABA_CLOUD_PROFILE</c>, else <c>default</c>);</item>
/// <item>ossutil's <c>~/.ossutilconfig</c> (the same profile name when one was chosen).</item>
/// </list>
/// A source that is half configured (an ID without a secret) is an error rather than skipped: silently
/// signing as another identity would be worse than stopping. Nothing found is one error naming every source.
/// </summary>
internal sealed class CredentialResolver
{
    private readonly IConfigurationEnvironment _environment;
    private readonly ConfigurationFiles _files;

    /// <summary>Creates a resolver.</summary>
    /// <param name="environment">Variables and files.</param>
    public CredentialResolver(IConfigurationEnvironment environment)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _files = new ConfigurationFiles(environment);
    }

    /// <summary>Checks the parameters alone (no environment, no files), so bad input is refused before any work.</summary>
    /// <param name="request">The parameters.</param>
    /// <exception cref="OssConfigurationException">The combination is contradictory or incomplete.</exception>
    public static void ValidateParameters(CredentialRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.FromCredentialParameter && request.AccessKeyParametersAlsoGiven)
        {
            throw Invalid("Use either -Credential or -AccessKeyId with -AccessKeySecret, not both.");
        }

        bool hasId = !string.IsNullOrEmpty(request.AccessKeyId);
        bool hasSecret = !string.IsNullOrEmpty(request.AccessKeySecret);
        if (request.FromCredentialParameter && (!hasId || !hasSecret))
        {
            throw Invalid("The -Credential parameter needs the AccessKey ID as the user name and the AccessKey secret as the password; one of them is empty.");
        }

        if (hasId && !hasSecret)
        {
            throw Invalid("-AccessKeyId was given without -AccessKeySecret. Give both, or use -Credential.");
        }

        if (hasSecret && !hasId)
        {
            throw Invalid("-AccessKeySecret was given without -AccessKeyId. Give both, or use -Credential.");
        }

        if (!string.IsNullOrEmpty(request.SecurityToken) && !hasId)
        {
            throw Invalid("-SecurityToken is the STS token that goes with an STS AccessKey pair; give -AccessKeyId and -AccessKeySecret (or -Credential) with it.");
        }
    }

    /// <summary>Resolves the credentials.</summary>
    /// <param name="request">The cmdlet's credential parameters.</param>
    /// <returns>The credentials and their source.</returns>
    /// <exception cref="OssConfigurationException">Nothing found (<see cref="OssConfigurationFailure.CredentialsNotFound"/>), or a source is unusable.</exception>
    public ResolvedCredentials Resolve(CredentialRequest request)
    {
        ValidateParameters(request);
        if (!string.IsNullOrEmpty(request.AccessKeyId))
        {
            string source = request.FromCredentialParameter ? "the -Credential parameter" : "the -AccessKeyId and -AccessKeySecret parameters";
            return new ResolvedCredentials(Create(request.AccessKeyId!, request.AccessKeySecret!, request.SecurityToken, source), source);
        }

        var looked = new List<string>
        {
            "the -Credential parameter",
            "the -AccessKeyId and -AccessKeySecret parameters",
        };

        // An explicit -ProfileName is a choice made for this command: it wins over environment variables (as
        // --profile does in the AWS and Alibaba Cloud CLIs), and a profile that does not exist is an error
        // rather than a silent fall-back to another identity.
        ResolvedCredentials? found = !string.IsNullOrWhiteSpace(request.ProfileName)
            ? FromFiles(request.ProfileName, looked)
            : FromEnvironment("OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN", looked) ??
              FromEnvironment("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", looked) ??
              FromFiles(null, looked);
        if (found is not null)
        {
            return found;
        }

        throw new OssConfigurationException(
            "No OSS credentials were found. OssResumable looked at, in order: " + string.Join("; ", looked) + ". "
                + "Set $env:OSS_ACCESS_KEY_ID and $env:OSS_ACCESS_KEY_SECRET, pass -Credential (user name = AccessKey ID, password = AccessKey secret), "
                + "or configure a profile in ~/.alibabacloud/credentials or ~/.ossutilconfig.",
            OssConfigurationFailure.CredentialsNotFound);
    }

    /// <summary>
    /// The ossutil profile that would be used (for its endpoint and region), or null. Never throws for
    /// a missing file; an unreadable file is ignored here because it only supplies defaults.
    /// </summary>
    /// <param name="profileName">The chosen profile, or null.</param>
    /// <returns>The settings or null.</returns>
    public ProfileSettings? FindOssutilProfile(string? profileName)
    {
        string? path = _files.OssutilConfigPath(out _);
        if (path is null)
        {
            return null;
        }

        try
        {
            IniDocument? document = _files.Load(path);
            return document is null ? null : ConfigurationFiles.ReadOssutilProfile(document, path, EffectiveProfile(profileName, ossutil: true), out _);
        }
        catch (OssConfigurationException)
        {
            return null;
        }
    }

    private static OssConfigurationException Invalid(string message) => new(message, OssConfigurationFailure.Invalid);

    private static OssCredentials Create(string id, string secret, string? token, string source)
    {
        try
        {
            return new OssCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token);
        }
        catch (ArgumentException ex)
        {
            // OssCredentials' messages never contain the values themselves.
            throw new OssConfigurationException("The credentials from " + source + " are not usable: " + ExceptionText.ForUser(ex), OssConfigurationFailure.Invalid, ex);
        }
    }

    private string? EffectiveProfile(string? profileName, bool ossutil)
    {
        if (!string.IsNullOrWhiteSpace(profileName))
        {
            return profileName!.Trim();
        }

        string? fromEnvironment = _environment.GetVariable(ossutil ? "OSSUTIL_PROFILE" : "ALIBABA_CLOUD_PROFILE");
        if (ossutil && string.IsNullOrWhiteSpace(fromEnvironment))
        {
            fromEnvironment = _environment.GetVariable("ALIBABA_CLOUD_PROFILE");
        }

        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment!.Trim();
    }

    private ResolvedCredentials? FromEnvironment(string idName, string secretName, string tokenName, List<string> looked)
    {
        looked.Add("the environment variables " + idName + " and " + secretName + " (with " + tokenName + " for STS)");
        string? id = _environment.GetVariable(idName);
        string? secret = _environment.GetVariable(secretName);
        bool hasId = !string.IsNullOrWhiteSpace(id);
        bool hasSecret = !string.IsNullOrEmpty(secret);
        if (!hasId && !hasSecret)
        {
            return null;
        }

        if (!hasId || !hasSecret)
        {
            throw Invalid(
                "The environment variable " + (hasId ? idName : secretName) + " is set but " + (hasId ? secretName : idName)
                    + " is not. Set both, or remove both to use another credentials source.");
        }

        string source = "the environment variables " + idName + " and " + secretName;
        string? token = _environment.GetVariable(tokenName);
        if (!string.IsNullOrEmpty(token))
        {
            source += " with " + tokenName;
        }

        return new ResolvedCredentials(Create(id!, secret!, token, source), source);
    }

    private ResolvedCredentials? FromFiles(string? requestedProfile, List<string> looked)
    {
        string? alibabaProfile = EffectiveProfile(requestedProfile, ossutil: false);
        string? ossutilProfile = EffectiveProfile(requestedProfile, ossutil: true);
        bool profileIsExplicit = alibabaProfile is not null;
        string alibabaName = alibabaProfile ?? ConfigurationFiles.DefaultProfile;
        string? unsupported = null;

        string? alibabaPath = _files.AlibabaCredentialsPath(out bool alibabaPathExplicit);
        looked.Add("profile '" + alibabaName + "' of the Alibaba Cloud credentials file" + (alibabaPath is null ? " (no home directory)" : " '" + alibabaPath + "'"));
        if (alibabaPath is not null)
        {
            IniDocument? document = _files.Load(alibabaPath);
            if (document is null && alibabaPathExplicit)
            {
                throw Invalid("ALIBABA_CLOUD_CREDENTIALS_FILE names '" + alibabaPath + "', which does not exist.");
            }

            if (document is not null)
            {
                ProfileSettings? profile = ConfigurationFiles.ReadAlibabaProfile(document, alibabaPath, alibabaName, out string? type);
                if (profile is not null)
                {
                    return FromProfile(profile);
                }

                if (type is not null)
                {
                    unsupported = "profile '" + alibabaName + "' of '" + alibabaPath + "' has type '" + type
                        + "', which OssResumable cannot use (it supports type access_key and sts)";
                }
            }
        }

        string? ossutilPath = _files.OssutilConfigPath(out bool ossutilPathExplicit);
        string ossutilWhat = ossutilProfile is null ? "the [default] or [Credentials] section" : "the [profile " + ossutilProfile + "] section";
        looked.Add(ossutilWhat + " of the ossutil config file" + (ossutilPath is null ? " (no home directory)" : " '" + ossutilPath + "'"));
        if (ossutilPath is not null)
        {
            IniDocument? document = _files.Load(ossutilPath);
            if (document is null && ossutilPathExplicit)
            {
                throw Invalid("OSSUTIL_CONFIG_FILE names '" + ossutilPath + "', which does not exist.");
            }

            if (document is not null)
            {
                ProfileSettings? profile = ConfigurationFiles.ReadOssutilProfile(document, ossutilPath, ossutilProfile, out string? mode);
                if (profile is not null)
                {
                    return FromProfile(profile);
                }

                if (mode is not null)
                {
                    unsupported ??= ossutilWhat + " of '" + ossutilPath + "' has mode '" + mode
                        + "', which OssResumable cannot use (it supports mode AK and StsToken)";
                }
            }
        }

        if (unsupported is not null)
        {
            throw Invalid("No usable OSS credentials: " + unsupported + ". Use an AccessKey profile, environment variables or -Credential.");
        }

        if (profileIsExplicit)
        {
            throw Invalid(
                "The profile '" + alibabaName + "' was not found in the Alibaba Cloud credentials file"
                    + (alibabaPath is null ? string.Empty : " '" + alibabaPath + "'") + " nor in the ossutil config file"
                    + (ossutilPath is null ? string.Empty : " '" + ossutilPath + "'") + ". Check -ProfileName or ALIBABA_CLOUD_PROFILE.");
        }

        return null;
    }

    private static ResolvedCredentials FromProfile(ProfileSettings profile)
    {
        bool hasId = !string.IsNullOrWhiteSpace(profile.AccessKeyId);
        bool hasSecret = !string.IsNullOrEmpty(profile.AccessKeySecret);
        if (!hasId || !hasSecret)
        {
            throw Invalid("The " + profile.Description + " has no " + (hasId ? "AccessKey secret" : "AccessKey ID") + ". Complete it or use another credentials source.");
        }

        return new ResolvedCredentials(Create(profile.AccessKeyId!, profile.AccessKeySecret!, profile.SecurityToken, profile.Description), profile.Description);
    }
}
