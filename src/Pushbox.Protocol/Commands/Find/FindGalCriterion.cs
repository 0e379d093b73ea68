using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Protocol.Commands.Find;

/// <summary>A GALSearchCriterion (MS-ASCMD 2.2.3.82): the Query string and the Options.</summary>
/// <param name="Query">The text, matched by prefix against the GAL's names and addresses (R132000).</param>
/// <param name="Range">The results wanted; null: the default range.</param>
/// <param name="Picture">The pictures wanted; null: none.</param>
/// <param name="DeepTraversal">DeepTraversal was sent, which a GAL search does not take (R6399100710).</param>
public sealed record FindGalCriterion(string Query, SearchRange? Range, SearchPictureOptions? Picture, bool DeepTraversal);
