provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}

# The helm provider talks to the cluster this root creates. It authenticates with a short-lived
# token from `aws eks get-token` (the AWS CLI must be installed where terraform runs) instead of a
# token captured at plan time, which would expire during a long apply.
provider "helm" {
  kubernetes = {
    host                   = module.cluster.cluster_endpoint
    cluster_ca_certificate = base64decode(module.cluster.cluster_certificate_authority_data)
    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.cluster.cluster_name, "--region", var.region]
    }
  }
}
