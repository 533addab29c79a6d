output "cluster_name" {
  description = "EKS cluster name."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API server endpoint."
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 cluster CA certificate (public data, needed by the helm provider)."
  value       = module.eks.cluster_certificate_authority_data
}

output "vpc_id" {
  description = "VPC id (the AWS Load Balancer Controller needs it)."
  value       = module.vpc.vpc_id
}

output "region" {
  description = "Region the cluster runs in."
  value       = data.aws_region.current.region
}

output "aws_lb_controller_service_account" {
  description = "Service account bound to the AWS Load Balancer Controller's pod identity."
  value       = "aws-load-balancer-controller"
}

output "external_secrets_role_arn" {
  description = "IAM role External Secrets assumes through EKS Pod Identity."
  value       = module.external_secrets_pod_identity.iam_role_arn
}

output "node_security_group_id" {
  description = "Security group shared by the managed nodes."
  value       = module.eks.node_security_group_id
}
