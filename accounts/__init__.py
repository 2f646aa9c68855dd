"""Staff sign-in: lockout after repeated failures (django-axes) and optional TOTP (django-otp)."""
