using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace OssResumable.NetFxProxy;

/// <summary>The emulator's admin API (docs/emulator.md): fault rules, in-progress uploads, statistics.</summary>
internal sealed class EmulatorAdmin : IDisposable
{
    private readonly HttpClient _http;

    public EmulatorAdmin(Uri endpoint)
    {
        _http = new HttpClient { BaseAddress = new Uri(endpoint, "/_emulator/") };
    }

    /// <summary>Adds a fault rule (JSON as in docs/emulator.md) and returns its id.</summary>
    public async Task<string> AddFaultAsync(string ruleJson)
    {
        using var content = new StringContent(ruleJson, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync("faults", content).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Check.That(response.IsSuccessStatusCode, "Adding the fault failed: " + (int)response.StatusCode + " " + body);
        using JsonDocument rule = JsonDocument.Parse(body);
        return rule.RootElement.GetProperty("id").GetString()!;
    }

    public async Task RemoveFaultAsync(string id)
    {
        using HttpResponseMessage response = await _http.DeleteAsync("faults/" + Uri.EscapeDataString(id)).ConfigureAwait(false);
    }

    /// <summary>How many times the rule fired.</summary>
    public async Task<int> FaultFiredAsync(string id)
    {
        using JsonDocument rules = await GetJsonAsync("faults").ConfigureAwait(false);
        JsonElement rule = rules.RootElement.EnumerateArray().First(r => r.GetProperty("id").GetString() == id);
        return rule.GetProperty("fired").GetInt32();
    }

    /// <summary>Upload IDs in progress in the bucket, with their keys.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListUploadsAsync(string bucket)
    {
        using JsonDocument uploads = await GetJsonAsync("uploads?bucket=" + Uri.EscapeDataString(bucket)).ConfigureAwait(false);
        return uploads.RootElement.EnumerateArray()
            .Select(u => new KeyValuePair<string, string>(u.GetProperty("key").GetString()!, u.GetProperty("uploadId").GetString()!))
            .ToList();
    }

    /// <summary>Requests the emulator is serving right now (a gauge).</summary>
    public async Task<int> RequestsInProgressAsync()
    {
        using JsonDocument stats = await GetJsonAsync("stats").ConfigureAwait(false);
        return stats.RootElement.GetProperty("requestsInProgress").GetInt32();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        string body = await _http.GetStringAsync(path).ConfigureAwait(false);
        return JsonDocument.Parse(body);
    }
}
