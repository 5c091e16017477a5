# A Last.fm client as pylast (Debian's python3-pylast) drives one, pointed at a local listenhouse:
# pylast always speaks HTTPS to ws_server, so its connection class is swapped for plain HTTP; every
# request (the authToken sign-in, its signature, the form bodies) is pylast's own.
# Usage: pylast-client.py HOST:PORT USER PASSWORD SECRET TIMESTAMP  -> one JSON line on stdout.
import http.client
import json
import sys

import pylast

host, user, password, secret = sys.argv[1:5]
pylast.HTTPSConnection = lambda host, context=None: http.client.HTTPConnection(host, timeout=60)

network = pylast.LastFMNetwork(api_key="any-key", api_secret=secret)
network.ws_server = (host, "/2.0/")
try:
    key = pylast.SessionKeyGenerator(network).get_session_key(user, pylast.md5(password))
except pylast.WSError as error:
    print(json.dumps({"signedIn": False, "error": int(error.status), "message": error.details}))
    sys.exit(0)

network.session_key = key
network.update_now_playing(artist="Four Tet", title="Two Thousand and Seventeen", album="New Energy", duration=300)
network.scrobble(artist="Björk", title="Jóga", timestamp=int(sys.argv[5]), album="Homogenic", duration=305)
recent = network.get_user(user).get_recent_tracks(limit=5)
playing = network.get_user(user).get_now_playing()
print(json.dumps({
    "signedIn": True,
    "recent": [[str(t.track.artist), t.track.title, int(t.timestamp)] for t in recent],
    "nowPlaying": None if playing is None else [str(playing.artist), playing.title],
}))
