using System.Collections.Generic;
using System.Globalization;
using OssResumable.Core.Planning;
using OssResumable.Core.Protocol;
using OssResumable.Core.Text;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>
/// Chooses the plan for finishing an upload known only by its ID (no checkpoint). The part size is
/// the caller's, else the largest stored part (every part but the last has the full size), else the
/// automatic one. A wrong guess cannot corrupt the object: every stored part is compared with the
/// local bytes of the same part number by size and CRC-64, and sent again when it differs.
/// </summary>
internal static class PartSizeInference
{
    public static UploadPlan Infer(long fileLength, long? requestedPartSize, IReadOnlyList<ListedPart> listed, out string explanation)
    {
        if (requestedPartSize is long requested)
        {
            UploadPlan plan = UploadPlanner.PlanMultipart(fileLength, requested);
            explanation = "using the requested part size of " + ByteSize.Format(requested) + Inconsistencies(plan, listed);
            return plan;
        }

        long largest = 0;
        foreach (ListedPart part in listed)
        {
            if (part.Size > largest)
            {
                largest = part.Size;
            }
        }

        long automatic = UploadPlanner.ChooseAutomaticPartSize(fileLength);
        if (largest == 0)
        {
            explanation = "no parts are stored yet; using the automatic part size of " + ByteSize.Format(automatic);
            return UploadPlanner.PlanMultipart(fileLength, automatic);
        }

        try
        {
            UploadPlan plan = UploadPlanner.PlanMultipart(fileLength, largest);
            explanation = "the stored parts show a part size of " + ByteSize.Format(largest) + Inconsistencies(plan, listed);
            return plan;
        }
        catch (UploadPlanningException ex)
        {
            explanation = "the largest stored part (" + ByteSize.Format(largest) + ") cannot be the part size for this file (" + ex.Message.TrimEnd('.')
                + "); using the automatic part size of " + ByteSize.Format(automatic) + " and sending the parts that do not fit again";
            return UploadPlanner.PlanMultipart(fileLength, automatic);
        }
    }

    private static string Inconsistencies(UploadPlan plan, IReadOnlyList<ListedPart> listed)
    {
        int misfits = 0;
        foreach (ListedPart part in listed)
        {
            if (part.PartNumber < 1 || part.PartNumber > plan.PartCount || plan.GetPart(part.PartNumber).Length != part.Size)
            {
                misfits++;
            }
        }

        return misfits == 0
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, "; {0} stored part(s) do not fit it and will be sent again or left out", misfits);
    }
}
