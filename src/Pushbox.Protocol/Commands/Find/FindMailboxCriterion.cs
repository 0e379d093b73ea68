using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Protocol.Commands.Find;

/// <summary>A MailBoxSearchCriterion (MS-ASCMD 2.2.3.99): the Query's FreeText, Class and CollectionId and the Options.</summary>
/// <param name="FreeText">The KQL text; null when none was sent.</param>
/// <param name="Class">The airsync:Class; null when none was sent (only "Email" is defined, R901100613).</param>
/// <param name="CollectionId">The folder to search; null: every folder (R982100612).</param>
/// <param name="Range">The results wanted; null: the default range.</param>
/// <param name="DeepTraversal">The folder's subfolders are searched too (R6399100714).</param>
public sealed record FindMailboxCriterion(string? FreeText, string? Class, string? CollectionId, SearchRange? Range, bool DeepTraversal);
