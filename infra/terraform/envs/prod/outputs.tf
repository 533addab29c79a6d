output "cluster_name" {
  description = "EKS cluster name."
  value       = module.cluster.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.cluster.cluster_endpoint
}

output "configure_kubectl" {
  description = "Command that writes a kubeconfig entry for this cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.cluster.cluster_name}"
}

output "argocd_url" {
  description = "How to reach the Argo CD UI (it is not exposed publicly) and read the admin password."
  value       = "kubectl -n ${module.argocd_bootstrap.argocd_namespace} port-forward svc/argocd-server 8080:443, then open https://localhost:8080 as admin; password: aws secretsmanager get-secret-value --region ${var.region} --secret-id ${module.platform_secrets.secret_names["argocd-admin"]} --query SecretString --output text"
}

output "secrets_prefix" {
  description = "Secrets Manager prefix of the Platform's secrets (names only; External Secrets reads them)."
  value       = module.platform_secrets.prefix
}

output "secret_names" {
  description = "Secrets Manager names of each Platform secret."
  value       = module.platform_secrets.secret_names
}

output "external_secrets_role_arn" {
  description = "IAM role External Secrets gets through EKS Pod Identity."
  value       = module.cluster.external_secrets_role_arn
}

output "platform_source" {
  description = "What the root Argo CD Application syncs."
  value       = module.argocd_bootstrap.platform_source
}
