"""Discussion threads, as data: which sections make a reading plan, when its sessions fall, what a
starter message says, and which discussions were opened. Nothing here knows about Discord; the cogs
render these values and do the sending.
"""
