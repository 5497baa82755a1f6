"""The citizen's own self-service: duties, booking, CV, job log, messages, GDPR insight."""
