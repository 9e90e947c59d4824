using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using OssResumable.Emulator.Faults;

namespace OssResumable.Emulator;

/// <summary>
/// The fault rules of a running emulator. Thread-safe; rules can be added and removed while requests
/// are in flight. Rules are evaluated in the order they were added and every rule that fires
/// contributes to the request (for example a delay and a corrupted CRC together); when several error
/// or reset rules fire, the first one wins.
/// </summary>
public sealed class FaultRuleCollection : IEnumerable<FaultRule>
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = new();
    private long _nextId;

    /// <summary>The number of rules (exhausted ones included).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rules.Count;
            }
        }
    }

    /// <summary>Adds a rule and assigns its <see cref="FaultRule.Id"/>.</summary>
    /// <param name="rule">The rule (must not be in a collection already).</param>
    /// <returns>The same rule, for reading its counters later.</returns>
    /// <exception cref="ArgumentException">The rule is inconsistent or was already added.</exception>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            if (rule.Id is not null)
            {
                throw new ArgumentException("This rule was already added to a collection.", nameof(rule));
            }

            rule.Id = "f" + (++_nextId).ToString(CultureInfo.InvariantCulture);
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Parses a SPEC (see <see cref="FaultRule.Parse"/>) and adds the rule.</summary>
    /// <param name="spec">The SPEC text.</param>
    /// <returns>The added rule.</returns>
    /// <exception cref="FormatException">The SPEC is invalid.</exception>
    public FaultRule Add(string spec) => Add(FaultRule.Parse(spec));

    /// <summary>Removes the rule with the given id.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>True when a rule was removed.</returns>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => string.Equals(r.Id, id, StringComparison.Ordinal)) > 0;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Returns a snapshot of the rules in evaluation order.</summary>
    /// <returns>The rules.</returns>
    public IReadOnlyList<FaultRule> ToList()
    {
        lock (_gate)
        {
            return _rules.ToArray();
        }
    }

    /// <inheritdoc />
    public IEnumerator<FaultRule> GetEnumerator() => ((IEnumerable<FaultRule>)ToList()).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Evaluates the rules for one request; counting is exact under concurrency.</summary>
    /// <param name="target">The request.</param>
    /// <returns>The plan (the shared empty plan when nothing fired).</returns>
    internal FaultPlan Evaluate(FaultTarget target)
    {
        FaultPlan? plan = null;
        lock (_gate)
        {
            foreach (FaultRule rule in _rules)
            {
                if (!rule.Matches(target) || !rule.RegisterMatch())
                {
                    continue;
                }

                plan ??= new FaultPlan();
                switch (rule.Action)
                {
                    case FaultAction.Error:
                        plan.Error ??= rule;
                        break;
                    case FaultAction.ResetConnection:
                        plan.ResetAfterBytes ??= rule.ResetAfterBytes;
                        break;
                    case FaultAction.Delay:
                        plan.Delay += rule.Delay;
                        break;
                    case FaultAction.Throttle:
                        plan.BytesPerSecond = plan.BytesPerSecond == 0 ? rule.BytesPerSecond : Math.Min(plan.BytesPerSecond, rule.BytesPerSecond);
                        break;
                    case FaultAction.VanishUpload:
                        plan.VanishUpload = true;
                        break;
                    case FaultAction.CorruptCrc:
                        plan.CorruptCrc = true;
                        break;
                    case FaultAction.DropResponse:
                        plan.DropResponse = true;
                        break;
                }
            }
        }

        return plan ?? FaultPlan.None;
    }
}
