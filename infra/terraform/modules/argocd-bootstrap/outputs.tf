output "argocd_namespace" {
  description = "Namespace Argo CD runs in."
  value       = helm_release.argocd.namespace
}

output "platform_source" {
  description = "The source the root Application syncs (git path or OCI chart)."
  value       = local.platform_source
}
