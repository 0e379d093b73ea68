namespace Pushbox.Protocol.Commands.Provision;

/// <summary>The <c>Policies/Policy</c> of a Provision request.</summary>
/// <param name="PolicyType">
/// The format the client asks for, as sent (1 to 256 characters): normally one of <see cref="PolicyTypes"/>.
/// Any other value is not malformed; the answer is <see cref="PolicyStatus.UnknownPolicyType"/>.
/// </param>
/// <param name="PolicyKey">The temporary key being acknowledged (1 to 64 characters); null in an initial request.</param>
/// <param name="Status">The client's result of applying the policy; present exactly when <paramref name="PolicyKey"/> is.</param>
public sealed record ProvisionRequestPolicy(string PolicyType, string? PolicyKey = null, PolicyAcknowledgementStatus? Status = null);
