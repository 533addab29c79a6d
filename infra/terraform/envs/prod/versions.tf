terraform {
  # 1.11+: S3-native state locking (use_lockfile) is experimental before 1.11. No DynamoDB table
  # to create and pay for.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
    time = {
      source  = "hashicorp/time"
      version = "~> 0.13"
    }
  }

  # Bucket and region come from backend.hcl (see backend.hcl.example): a backend block cannot
  # read variables, and the bucket name is account-specific.
  # use_lockfile writes a .tflock object next to the state with a conditional PUT, so two
  # applies cannot run at once.
  backend "s3" {
    key          = "platform/prod/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
