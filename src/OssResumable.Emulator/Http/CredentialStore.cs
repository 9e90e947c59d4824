using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace OssResumable.Emulator.Http;

/// <summary>The credentials the emulator accepts, by AccessKey ID. Thread-safe.</summary>
internal sealed class CredentialStore
{
    private readonly ConcurrentDictionary<string, EmulatorCredential> _byId = new(StringComparer.Ordinal);

    public CredentialStore(IEnumerable<EmulatorCredential> credentials)
    {
        foreach (EmulatorCredential credential in credentials)
        {
            Set(credential);
        }
    }

    public void Set(EmulatorCredential credential) => _byId[credential.AccessKeyId] = credential;

    public bool Remove(string accessKeyId) => _byId.TryRemove(accessKeyId, out _);

    public EmulatorCredential? Find(string accessKeyId) => _byId.TryGetValue(accessKeyId, out EmulatorCredential? c) ? c : null;

    /// <summary>The credential that owns a security token, or null.</summary>
    public EmulatorCredential? FindByToken(string token) =>
        _byId.Values.FirstOrDefault(c => c.SecurityToken is not null && string.Equals(c.SecurityToken, token, StringComparison.Ordinal));

    public IReadOnlyList<string> AccessKeyIds => _byId.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
}
