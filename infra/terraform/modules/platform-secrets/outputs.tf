output "prefix" {
  description = "Prefix every Platform secret lives under."
  value       = var.prefix
}

output "secret_names" {
  description = "Secrets Manager names the ExternalSecrets in deploy/ refer to (names only, never values)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}

# random_password's bcrypt_hash is computed once and kept in state. Calling bcrypt() in the
# helm release instead would produce a new salt, hence a new value and a helm upgrade, on every plan.
output "argocd_admin_password_bcrypt" {
  description = "bcrypt hash of the Argo CD admin password, for the argo-cd chart."
  value       = random_password.argocd_admin.bcrypt_hash
  sensitive   = true
}

output "argocd_admin_password_mtime" {
  description = "RFC 3339 time the Argo CD admin password was last set (argo-cd chart: configs.secret.argocdServerAdminPasswordMtime)."
  value       = time_static.argocd_admin_rotation.rfc3339
}
