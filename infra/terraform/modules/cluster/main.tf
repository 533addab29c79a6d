data "aws_availability_zones" "available" {
  # Opt-in zones (Local Zones, Wavelength) cannot host EKS managed nodes.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

# The IAM role or user behind the session running terraform (the STS assumed-role ARN resolved to
# its role ARN): the principal the EKS module gives the cluster creator's access entry.
data "aws_iam_session_context" "current" {
  arn = data.aws_caller_identity.current.arn
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # /20 private subnets (4091 addresses each: the VPC CNI gives every pod a VPC IP)
  # and small /24 public subnets that only hold load balancers and NAT gateways.
  private_subnets = [for i, _ in local.azs : cidrsubnet(var.vpc_cidr, 4, i)]
  public_subnets  = [for i, _ in local.azs : cidrsubnet(var.vpc_cidr, 8, 48 + i)]

  # Secrets Manager appends "-XXXXXX" to every secret ARN, hence the trailing wildcard.
  secrets_arn_pattern = "arn:${data.aws_partition.current.partition}:secretsmanager:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:secret:${var.secrets_prefix}/*"
}

################################################################################
# VPC
################################################################################

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 6.0"

  name = var.name
  cidr = var.vpc_cidr

  azs             = local.azs
  private_subnets = local.private_subnets
  public_subnets  = local.public_subnets

  # Nodes live in private subnets and reach ECR/GHCR/AWS APIs through NAT.
  # dev: one NAT gateway (~$33/month + traffic); prod: one per AZ so losing an AZ
  # does not cut the others off the internet.
  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  enable_dns_hostnames = true
  enable_dns_support   = true

  # The AWS Load Balancer Controller discovers subnets by these tags:
  # internet-facing load balancers go to public subnets, internal ones to private.
  public_subnet_tags = {
    "kubernetes.io/role/elb" = 1
  }
  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = 1
  }

  tags = var.tags
}

################################################################################
# EKS
################################################################################

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name               = var.name
  kubernetes_version = var.kubernetes_version

  # Public endpoint so `terraform apply` (helm releases) and kubectl work from a laptop or CI;
  # restrict the source ranges in prod. Nodes use the private endpoint.
  endpoint_public_access       = true
  endpoint_private_access      = true
  endpoint_public_access_cidrs = var.endpoint_public_access_cidrs

  # The identity that creates the cluster gets cluster-admin through an access entry
  # (not the legacy aws-auth ConfigMap), so the helm releases below can install.
  enable_cluster_creator_admin_permissions = true

  # Keyed by ARN, not list position: reordering the list must not recreate access entries.
  access_entries = {
    for arn in var.cluster_admin_principal_arns : arn => {
      principal_arn = arn
      policy_associations = {
        admin = {
          policy_arn = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          access_scope = {
            type = "cluster"
          }
        }
      }
    }
  }

  addons = {
    coredns = {}
    # Pod identity agent and VPC CNI must exist before nodes join, or pods never get IPs/credentials.
    eks-pod-identity-agent = {
      before_compute = true
    }
    kube-proxy = {}
    vpc-cni = {
      before_compute = true
    }
    # PostgreSQL and Kafka (run by operators Argo CD installs) need gp3 volumes.
    aws-ebs-csi-driver = {
      pod_identity_association = [{
        role_arn        = module.aws_ebs_csi_pod_identity.iam_role_arn
        service_account = "ebs-csi-controller-sa"
      }]
    }
  }

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  eks_managed_node_groups = {
    # Argo CD, the controllers and the observability stack: steady, so on-demand.
    system = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.node_groups.system.instance_types
      capacity_type  = var.node_groups.system.capacity_type

      min_size     = var.node_groups.system.min_size
      max_size     = var.node_groups.system.max_size
      desired_size = var.node_groups.system.desired_size

      labels = {
        "platform.io/node-role" = "system"
      }
    }

    # The shop's services: stateless, so dev can run them on spot capacity.
    apps = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.node_groups.apps.instance_types
      capacity_type  = var.node_groups.apps.capacity_type

      min_size     = var.node_groups.apps.min_size
      max_size     = var.node_groups.apps.max_size
      desired_size = var.node_groups.apps.desired_size

      labels = {
        "platform.io/node-role" = "apps"
      }
    }
  }

  tags = var.tags
}

# A second access entry for the creator's principal is refused by EKS at apply time, after the
# cluster exists; this fails the plan instead.
resource "terraform_data" "cluster_admin_principals" {
  input = var.cluster_admin_principal_arns

  lifecycle {
    precondition {
      condition     = !contains(var.cluster_admin_principal_arns, data.aws_iam_session_context.current.issuer_arn)
      error_message = "cluster_admin_principal_arns lists ${data.aws_iam_session_context.current.issuer_arn}, the identity running terraform: it already gets cluster-admin as the cluster creator (enable_cluster_creator_admin_permissions). Remove it from the list."
    }
  }
}

################################################################################
# Pod identities (EKS Pod Identity: no OIDC provider trust policy to maintain)
################################################################################

module "aws_ebs_csi_pod_identity" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name = "${var.name}-aws-ebs-csi"

  # The module's policy is AWS's documented EBS CSI policy; no need to copy it here.
  attach_aws_ebs_csi_policy = true

  # The association is made by the EKS addon above (pod_identity_association),
  # so the controller's pods get credentials from their first start.
  tags = var.tags
}

module "aws_lb_controller_pod_identity" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name = "${var.name}-aws-lbc"

  attach_aws_lb_controller_policy = true

  associations = {
    this = {
      cluster_name    = module.eks.cluster_name
      namespace       = "kube-system"
      service_account = "aws-load-balancer-controller"
    }
  }

  tags = var.tags
}

# External Secrets reads the Platform's secrets and nothing else: the module's built-in
# external-secrets policy also grants ListSecrets, BatchGetSecretValue and SSM reads, so a
# custom policy with just the two read actions on the prefix is used instead.
data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid    = "ReadPlatformSecrets"
    effect = "Allow"
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:DescribeSecret",
    ]
    resources = [local.secrets_arn_pattern]
  }
}

module "external_secrets_pod_identity" {
  source  = "terraform-aws-modules/eks-pod-identity/aws"
  version = "~> 2.0"

  name = "${var.name}-external-secrets"

  attach_custom_policy    = true
  source_policy_documents = [data.aws_iam_policy_document.external_secrets.json]

  associations = {
    this = {
      cluster_name    = module.eks.cluster_name
      namespace       = var.external_secrets_namespace
      service_account = var.external_secrets_service_account
    }
  }

  tags = var.tags
}
