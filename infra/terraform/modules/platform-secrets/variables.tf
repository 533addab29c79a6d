variable "prefix" {
  description = "Name prefix of every secret (without trailing slash), e.g. \"platform/dev\". External Secrets may read exactly this prefix."
  type        = string
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can be restored. 0 deletes at once (dev: lets destroy/apply cycles reuse names); 7-30 in prod."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags added to every secret."
  type        = map(string)
  default     = {}
}
