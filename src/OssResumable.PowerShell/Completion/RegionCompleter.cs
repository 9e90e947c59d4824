using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OssResumable.PowerShell.Completion;

/// <summary>
/// Completes <c>-Region</c> with OSS's region ids. Only a suggestion: any region id is accepted, so a region
/// opened after this release still works.
/// </summary>
internal sealed class RegionCompleter : IArgumentCompleter
{
    /// <summary>Region ids with the place they serve (tooltips), in the order of Alibaba Cloud's region list.</summary>
    internal static readonly IReadOnlyList<(string Id, string Place)> Regions = new[]
    {
        ("cn-hangzhou", "China (Hangzhou)"),
        ("cn-shanghai", "China (Shanghai)"),
        ("cn-nanjing", "China (Nanjing - Local Region)"),
        ("cn-fuzhou", "China (Fuzhou - Local Region)"),
        ("cn-wuhan-lr", "China (Wuhan - Local Region)"),
        ("cn-qingdao", "China (Qingdao)"),
        ("cn-beijing", "China (Beijing)"),
        ("cn-zhangjiakou", "China (Zhangjiakou)"),
        ("cn-huhehaote", "China (Hohhot)"),
        ("cn-wulanchabu", "China (Ulanqab)"),
        ("cn-shenzhen", "China (Shenzhen)"),
        ("cn-heyuan", "China (Heyuan)"),
        ("cn-guangzhou", "China (Guangzhou)"),
        ("cn-chengdu", "China (Chengdu)"),
        ("cn-hongkong", "China (Hong Kong)"),
        ("ap-northeast-1", "Japan (Tokyo)"),
        ("ap-northeast-2", "South Korea (Seoul)"),
        ("ap-southeast-1", "Singapore"),
        ("ap-southeast-3", "Malaysia (Kuala Lumpur)"),
        ("ap-southeast-5", "Indonesia (Jakarta)"),
        ("ap-southeast-6", "Philippines (Manila)"),
        ("ap-southeast-7", "Thailand (Bangkok)"),
        ("eu-central-1", "Germany (Frankfurt)"),
        ("eu-west-1", "UK (London)"),
        ("us-west-1", "US (Silicon Valley)"),
        ("us-east-1", "US (Virginia)"),
        ("me-east-1", "UAE (Dubai)"),
        ("me-central-1", "Saudi Arabia (Riyadh)"),
    };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        return CompletionValues.StartingWith(wordToComplete, Regions.Select(r => (r.Id, r.Id + ": " + r.Place)));
    }
}
