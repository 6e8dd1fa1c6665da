-- An API key may be limited to address ranges: `allowed_cidrs` holds
-- canonical IPv4 and IPv6 ranges (`10.0.0.0/8`, `2001:db8::/32`); null means
-- any address. A request with the key from elsewhere is refused with a 403.

alter table api_keys add column allowed_cidrs text[];
