namespace Pushbox.Protocol.Commands.Provision;

/// <summary>The <c>Policies/Policy</c> of a Provision response.</summary>
/// <param name="PolicyType">The PolicyType, normally echoing the request's.</param>
/// <param name="Status">The policy status.</param>
/// <param name="PolicyKey">
/// The policy key (1 to 64 characters, should be a 32-bit unsigned number, MS-ASPROV 2.2.2.42): the temporary
/// key in the answer to an initial request, the final key in the answer to an acknowledgement; null on failure.
/// </param>
/// <param name="Data">
/// The settings, only in the answer to an initial request with <see cref="PolicyStatus.Success"/>: written as
/// an EASProvisionDoc for <see cref="PolicyTypes.EasProvisioningWbxml"/> (12.0+) or as a wap-provisioningdoc
/// string for <see cref="PolicyTypes.WapProvisioningXml"/> (2.5).
/// </param>
public sealed record ProvisionResponsePolicy(string PolicyType, PolicyStatus Status, string? PolicyKey = null, EasProvisionDoc? Data = null);
