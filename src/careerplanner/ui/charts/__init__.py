"""Charts: the skills radar and the skill history, drawn with pyqtgraph on screen.

pyqtgraph (and numpy with it) is imported only when a chart widget is first built;
importing these modules stays cheap. ``radar.render_radar_image`` draws the radar with
QPainter alone, for images and the PDF export.
"""
