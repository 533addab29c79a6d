# Providers a reusable module needs, with the lowest versions it was written against.
# The env roots (envs/dev, envs/prod) pin the exact ranges and configure the providers.
terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}
